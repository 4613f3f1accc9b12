import type { Account, Credentials, FirebaseWebConfig } from "@nicepiano/protocol";
import type * as FirebaseAuthSdk from "firebase/auth";
import type { Auth, User } from "firebase/auth";
import type { AccountProvider } from "./accountProvider";
import { revokeOnServer } from "./apiRequest";

/** Firebase Auth's refusals, in words a player can act on. */
const MESSAGES: Record<string, string> = {
  "auth/email-already-in-use": "An account with this email exists: sign in instead.",
  "auth/invalid-credential": "Wrong email or password.",
  "auth/invalid-login-credentials": "Wrong email or password.",
  "auth/wrong-password": "Wrong email or password.",
  "auth/user-not-found": "Wrong email or password.",
  "auth/user-disabled": "This account is disabled.",
  "auth/invalid-email": "That is not an email address.",
  "auth/missing-email": "Enter your email address.",
  "auth/missing-password": "Enter a password.",
  "auth/weak-password": "A password has at least 6 characters.",
  "auth/too-many-requests": "Too many attempts: wait a moment and try again.",
  "auth/network-request-failed": "Firebase cannot be reached. Check the connection.",
};

export class FirebaseSignInError extends Error {
  override name = "FirebaseSignInError";
}

function toAccount(user: User): Account {
  return { id: user.uid, username: user.email ?? user.uid };
}

/**
 * Firebase Auth with email and password, through the Firebase JS SDK, loaded only when
 * the server uses Firebase. The SDK keeps the session (IndexedDB) and refreshes ID tokens.
 */
export function firebaseAccounts(config: FirebaseWebConfig): AccountProvider {
  let loaded: Promise<{ auth: Auth; sdk: typeof FirebaseAuthSdk }> | undefined;
  const load = () =>
    (loaded ??= (async () => {
      const [{ initializeApp }, sdk] = await Promise.all([
        import("firebase/app"),
        import("firebase/auth"),
      ]);
      const app = initializeApp({
        apiKey: config.apiKey,
        authDomain: config.authDomain,
        projectId: config.projectId,
      });
      // No popup or redirect sign-in: nothing else to load, no frame from authDomain.
      const auth = sdk.initializeAuth(app, {
        persistence: [sdk.indexedDBLocalPersistence, sdk.browserLocalPersistence],
      });
      if (config.authEmulatorUrl) {
        sdk.connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
      }
      await auth.authStateReady();
      return { auth, sdk };
    })());
  const explain = (error: unknown): never => {
    const code = (error as { code?: string } | null)?.code ?? "";
    throw new FirebaseSignInError(
      MESSAGES[code] ?? `Signing in failed (${code || String(error)}).`,
    );
  };
  const withEmail =
    (action: "createUserWithEmailAndPassword" | "signInWithEmailAndPassword") =>
    async ({ username, password }: Credentials) => {
      const { auth, sdk } = await load();
      const { user } = await sdk[action](auth, username.trim(), password).catch(explain);
      return toAccount(user);
    };

  return {
    identifier: "email",
    restore: async () => {
      const { auth } = await load();
      return auth.currentUser ? toAccount(auth.currentUser) : undefined;
    },
    signUp: withEmail("createUserWithEmailAndPassword"),
    signIn: withEmail("signInWithEmailAndPassword"),
    // Revoked on the server too: an ID token taken from this browser stops working there.
    signOut: async () => {
      const { auth } = await load();
      const token = await auth.currentUser?.getIdToken();
      if (token) await revokeOnServer(token);
      await auth.signOut();
    },
    token: async () => {
      const { auth } = await load();
      return auth.currentUser?.getIdToken();
    },
  };
}
