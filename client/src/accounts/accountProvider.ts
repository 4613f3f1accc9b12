import {
  API_PATHS,
  apiUrl,
  type Account,
  type AccountsConfig,
  type Credentials,
} from "@nicepiano/protocol";
import { embeddedAccounts } from "./embeddedAccounts";
import { firebaseAccounts } from "./firebaseAccounts";

/**
 * Signing in, whichever back end the server uses: its own accounts (username and
 * password, a session token from the server) or Firebase Auth (email and password in the
 * browser, a fresh ID token for every request).
 */
export interface AccountProvider {
  /** What the sign-in form asks for besides the password. */
  readonly identifier: "username" | "email";
  /** The account this browser is still signed in to, if any. */
  restore(): Promise<Account | undefined>;
  signUp(credentials: Credentials): Promise<Account>;
  signIn(credentials: Credentials): Promise<Account>;
  signOut(): Promise<void>;
  /** A token to send now, or undefined when signed out. */
  token(): Promise<string | undefined>;
}

export function createAccountProvider(config: AccountsConfig): AccountProvider {
  return config.backend === "firebase" ? firebaseAccounts(config.firebase) : embeddedAccounts();
}

/** The server's sign-in settings; an older or unreachable server means its own accounts. */
export async function loadAccountsConfig(): Promise<AccountsConfig> {
  try {
    const response = await fetch(apiUrl(API_PATHS.config));
    if (response.ok) return (await response.json()) as AccountsConfig;
  } catch {
    // The page itself came from the server; if it cannot answer now, playing still works.
  }
  return { backend: "embedded" };
}
