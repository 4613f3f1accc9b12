import type { Account } from "@nicepiano/protocol";
import type { Auth } from "firebase-admin/auth";
import { AuthError } from "../auth/authError";
import type { TokenVerifier } from "../auth/tokenVerifier";

/** firebase-admin's refusals, as the codes the client shows. Anything else is a fault. */
const REFUSALS: Record<string, AuthError["code"]> = {
  "auth/argument-error": "invalid-token",
  "auth/invalid-id-token": "invalid-token",
  "auth/user-not-found": "invalid-token",
  "auth/id-token-expired": "expired-token",
  "auth/id-token-revoked": "revoked-token",
  "auth/user-disabled": "revoked-token",
};

/**
 * Checks Firebase ID tokens with firebase-admin: signature, audience, expiry, and (one
 * lookup of the user each time) that the user still exists and was not signed out
 * everywhere since the token was issued.
 */
export class FirebaseTokenVerifier implements TokenVerifier {
  readonly #auth: Auth;

  constructor(auth: Auth) {
    this.#auth = auth;
  }

  async revoke(accountId: string): Promise<void> {
    await this.#auth.revokeRefreshTokens(accountId);
  }

  async verify(token: string): Promise<Account> {
    if (token === "") throw new AuthError("invalid-token");
    try {
      const decoded = await this.#auth.verifyIdToken(token, true);
      return { id: decoded.uid, username: decoded.email ?? decoded.uid };
    } catch (error) {
      const code = REFUSALS[(error as { code?: string } | null)?.code ?? ""];
      if (code) throw new AuthError(code);
      throw error;
    }
  }
}
