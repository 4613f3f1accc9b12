import { createServer, type RequestListener, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { FirestoreServer } from "@firestore-emulator/server";
import type { FirebaseSettings } from "../../src/config";
import { freePort } from "./freePort";

/** A `demo-*` project: the Firebase SDKs then never reach for real Google services. */
export const EMULATED_PROJECT = "demo-nicepiano";

export interface FirebaseEmulators {
  /** Settings that point the firebase back end at these emulators. */
  settings: FirebaseSettings;
  /** Creates an Auth user as the browser SDK would; gives its uid and a fresh ID token. */
  signUp(email: string, password?: string): Promise<{ uid: string; idToken: string }>;
  /** Forgets every user and document. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Firebase Auth emulator of `firebase-tools` (its server, run in this process on a
 * free port, without the CLI and its calls home) and the Firestore emulator of
 * `@firestore-emulator/server`. Sets the `*_EMULATOR_HOST` variables firebase-admin reads,
 * in this test process only.
 */
export async function startFirebaseEmulators({
  authHost = "127.0.0.1",
  authPort = 0,
  firestorePort,
}: {
  /** Where the Auth emulator listens: a browser reaches it on the page's own host. */
  authHost?: string;
  /** Fixed ports (`npm run emulators`); free ones by default. */
  authPort?: number;
  firestorePort?: number;
} = {}): Promise<FirebaseEmulators> {
  const require = createRequire(import.meta.url);
  const { createApp } = require("firebase-tools/lib/emulator/auth/server") as {
    createApp: (projectId: string) => Promise<RequestListener>;
  };
  const auth = createServer(await createApp(EMULATED_PROJECT));
  const authAddress = `${authHost}:${await listen(auth, authHost, authPort)}`;

  // It binds 0.0.0.0:<port> and cannot pick a port itself: ask the system for a free one.
  const firestore = new FirestoreServer();
  firestorePort ??= await freePort();
  await firestore.start(firestorePort);
  const firestoreHost = `127.0.0.1:${firestorePort}`;

  process.env.FIREBASE_AUTH_EMULATOR_HOST = authAddress;
  process.env.FIRESTORE_EMULATOR_HOST = firestoreHost;
  const authUrl = `http://${authAddress}`;

  return {
    settings: {
      projectId: EMULATED_PROJECT,
      apiKey: "emulator",
      authDomain: `${EMULATED_PROJECT}.firebaseapp.com`,
      authEmulatorHost: authAddress,
      authEmulatorUrl: authUrl,
      firestoreEmulatorHost: firestoreHost,
    },
    signUp: async (email, password = "correct horse") => {
      const response = await fetch(
        `${authUrl}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=emulator`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email, password, returnSecureToken: true }),
        },
      );
      const body = (await response.json()) as { localId?: string; idToken?: string };
      if (!response.ok || !body.localId || !body.idToken) {
        throw new Error(`The Auth emulator refused to sign up ${email}: ${JSON.stringify(body)}`);
      }
      return { uid: body.localId, idToken: body.idToken };
    },
    reset: async () => {
      firestore.state.clear();
      const response = await fetch(`${authUrl}/emulator/v1/projects/${EMULATED_PROJECT}/accounts`, {
        method: "DELETE",
      });
      if (!response.ok) throw new Error(`Resetting the Auth emulator: ${response.status}`);
    },
    stop: async () => {
      firestore.stop();
      auth.closeAllConnections();
      await new Promise((resolve) => auth.close(resolve));
    },
  };
}

/**
 * The emulator's ID token (unsigned: the emulator does not sign them) with its times moved
 * two hours back, so it expired an hour ago.
 */
export function expiredCopyOf(idToken: string): string {
  const now = Math.floor(Date.now() / 1000);
  return withClaims(idToken, { iat: now - 7200, auth_time: now - 7200, exp: now - 3600 });
}

/** The emulator's (unsigned) ID token with some of its claims changed. */
export function withClaims(idToken: string, changes: Record<string, unknown>): string {
  const [header, payload] = idToken.split(".");
  const claims = JSON.parse(Buffer.from(payload!, "base64url").toString()) as object;
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString("base64url")}.`;
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
