import type { Account, Credentials, SignInAnswer } from "@nicepiano/protocol";
import { apiRequest } from "./apiRequest";

const SESSION_KEY = "nicepiano.session";

/** The signed-in account and its token, kept in this browser. */
export type AccountSession = SignInAnswer;

export function storedSession(storage: Storage = localStorage): AccountSession | undefined {
  try {
    const raw = storage.getItem(SESSION_KEY);
    const session = raw ? (JSON.parse(raw) as Partial<AccountSession>) : undefined;
    if (typeof session?.token === "string" && typeof session.account?.id === "string") {
      return session as AccountSession;
    }
  } catch {
    // A damaged entry is as good as none.
  }
  return undefined;
}

export async function signUp(credentials: Credentials): Promise<AccountSession> {
  return keep(await apiRequest<SignInAnswer>("/auth/signup", { body: credentials }));
}

export async function signIn(credentials: Credentials): Promise<AccountSession> {
  return keep(await apiRequest<SignInAnswer>("/auth/signin", { body: credentials }));
}

export function signOut(storage: Storage = localStorage): void {
  storage.removeItem(SESSION_KEY);
}

/** Checks a kept session with the server; throws an ApiError when it is no longer valid. */
export async function confirmSession(session: AccountSession): Promise<Account> {
  const { account } = await apiRequest<{ account: Account }>("/me", { token: session.token });
  return account;
}

function keep(session: AccountSession): AccountSession {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return session;
}
