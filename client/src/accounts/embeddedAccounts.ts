import {
  API_PATHS,
  type Account,
  type Credentials,
  type MeAnswer,
  type SignInAnswer,
} from "@nicepiano/protocol";
import type { AccountProvider } from "./accountProvider";
import { ApiError, apiRequest, revokeOnServer } from "./apiRequest";

const SESSION_KEY = "nicepiano.session";

/** The signed-in account and its token, kept in this browser. */
type AccountSession = SignInAnswer;

/** The embedded back end's accounts: the server signs session tokens, kept in localStorage. */
export function embeddedAccounts(storage: Storage = localStorage): AccountProvider {
  let session = storedSession(storage);
  const keep = (answer: SignInAnswer): Account => {
    session = answer;
    storage.setItem(SESSION_KEY, JSON.stringify(answer));
    return answer.account;
  };
  const forget = () => {
    session = undefined;
    storage.removeItem(SESSION_KEY);
  };

  return {
    identifier: "username",
    restore: async () => {
      if (!session) return undefined;
      try {
        const { account } = await apiRequest<MeAnswer>(API_PATHS.me, {
          token: session.token,
        });
        return account;
      } catch (error) {
        // Only a refusal signs out; an unreachable server is no reason to forget the session.
        if (!(error instanceof ApiError && error.status === 401)) return session.account;
        forget();
        throw error;
      }
    },
    signUp: async (credentials: Credentials) =>
      keep(await apiRequest<SignInAnswer>(API_PATHS.signUp, { body: credentials })),
    signIn: async (credentials: Credentials) =>
      keep(await apiRequest<SignInAnswer>(API_PATHS.signIn, { body: credentials })),
    // The server revokes the token (on every device: tokens are not told apart), so a
    // copy of it taken from this browser is worth nothing; signed out here either way.
    signOut: async () => {
      const token = session?.token;
      forget();
      if (token) await revokeOnServer(token);
    },
    token: () => Promise.resolve(session?.token),
  };
}

function storedSession(storage: Storage): AccountSession | undefined {
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
