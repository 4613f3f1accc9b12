import type { Account } from "@nicepiano/protocol";

/**
 * Turns a bearer token into the account it stands for, or throws an `AuthError`
 * (invalid, expired or revoked). Local session tokens or Firebase ID tokens.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Account>;
  /** Signs the account out everywhere: every token it holds now is refused from now on. */
  revoke(accountId: string): Promise<void>;
}
