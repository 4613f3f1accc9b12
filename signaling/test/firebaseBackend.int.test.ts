import { setTimeout as sleep } from "node:timers/promises";
import { deleteApp, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Backend } from "../src/backend";
import { createFirebaseBackend } from "../src/firebase/firebaseBackend";
import { describeRecordingStoreContract, draft, SCALE } from "./contracts/recordingStoreContract";
import { describeTokenVerifierContract } from "./contracts/tokenVerifierContract";
import { apiClient } from "./support/apiClient";
import {
  EMULATED_PROJECT,
  expiredCopyOf,
  withClaims,
  startFirebaseEmulators,
  type FirebaseEmulators,
} from "./support/firebaseEmulators";
import { startTestServer, type TestServer } from "./support/testServer";

let emulators: FirebaseEmulators;
beforeAll(async () => {
  emulators = await startFirebaseEmulators();
}, 60_000);
afterAll(() => emulators.stop());

/** Revocation compares whole seconds: revoke in a later second than the sign-in. */
async function revokeAfterSignIn(uid: string): Promise<void> {
  const admin = initializeApp({ projectId: EMULATED_PROJECT }, `revoker-${uid}`);
  await sleep(1100);
  await getAuth(admin).revokeRefreshTokens(uid);
  await deleteApp(admin);
}

describeRecordingStoreContract("Firestore (@firestore-emulator/server)", async () => {
  await emulators.reset();
  const backends: Backend[] = [];
  const open = () => {
    const backend = createFirebaseBackend(emulators.settings);
    backends.push(backend);
    return backend.recordings;
  };
  return {
    store: open(),
    reopen: () => Promise.resolve(open()),
    cleanup: async () => {
      await Promise.all(backends.map((backend) => backend.close()));
    },
  };
});

describeTokenVerifierContract("Firebase Auth emulator (firebase-admin)", async () => {
  await emulators.reset();
  const backend = createFirebaseBackend(emulators.settings);
  const tokens = new Map<string, string>();
  return {
    verifier: backend.verifier,
    createAccount: async (username) => {
      const email = `${username}@example.com`;
      const { uid, idToken } = await emulators.signUp(email);
      tokens.set(uid, idToken);
      return { account: { id: uid, username: email }, token: idToken };
    },
    expiredToken: (account) => Promise.resolve(expiredCopyOf(tokens.get(account.id)!)),
    revoke: (account) => revokeAfterSignIn(account.id),
    cleanup: () => backend.close(),
  };
});

describe("HTTP API and sockets on the Firebase back end", () => {
  let t: TestServer;
  let ada: { uid: string; idToken: string };
  let bob: { uid: string; idToken: string };
  const api = apiClient(() => t.url);

  beforeAll(async () => {
    await emulators.reset();
    t = await startTestServer({ backend: { kind: "firebase", ...emulators.settings } });
    ada = await emulators.signUp("ada@example.com");
    bob = await emulators.signUp("bob@example.com");
  });
  afterAll(() => t.close());

  it("tells the browser how to sign in, and leaves sign-up to Firebase", async () => {
    expect((await api("/config")).body).toEqual({
      backend: "firebase",
      firebase: {
        apiKey: "emulator",
        authDomain: `${EMULATED_PROJECT}.firebaseapp.com`,
        projectId: EMULATED_PROJECT,
        authEmulatorUrl: `http://${emulators.settings.authEmulatorHost}`,
      },
    });
    const signUp = await api("/auth/signup", {
      body: { username: "ada", password: "correct horse" },
    });
    expect(signUp.status).toBe(404);
    expect(signUp.body.error?.message).toMatch(/Firebase/);
    expect((await api("/me", { token: ada.idToken })).body).toEqual({
      account: { id: ada.uid, username: "ada@example.com" },
      backend: "firebase",
    });
  });

  it("keeps recordings to their owner", async () => {
    const saved = await api("/recordings", { token: ada.idToken, body: draft("Ada's", SCALE) });
    expect(saved.status).toBe(201);
    const id = saved.body.recording!.id;
    expect(saved.body.recording!.owner).toBe(ada.uid);
    for (const [method, body] of [["GET"], ["PATCH", { name: "mine" }], ["DELETE"]] as const) {
      const answer = await api(`/recordings/${id}`, { method, token: bob.idToken, body });
      expect(answer.status).toBe(404);
    }
    expect((await api("/recordings", { token: bob.idToken })).body.recordings).toEqual([]);
    const mine = await api(`/recordings/${id}`, { token: ada.idToken });
    expect(mine.body.recording).toMatchObject({ name: "Ada's", events: SCALE });
    const path = `/recordings/${encodeURIComponent("../../users/x")}`;
    expect((await api(path, { token: ada.idToken })).status).toBe(404);
  });

  it.each([
    ["no token", () => undefined, "unauthorized"],
    ["a token of another project", () => forgedToken(ada.idToken), "invalid-token"],
    ["an expired token", () => expiredCopyOf(ada.idToken), "expired-token"],
  ])("refuses %s", async (_label, token, code) => {
    const answer = await api("/recordings", { token: token(), body: draft("x") });
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe(code);
  });

  it("signs a socket in with an ID token, and plays a revoked one as a guest", async () => {
    const signedIn = await t.connect(bob.idToken);
    const answer = await signedIn.emitWithAck("join", { room: "fb", name: "Bob" });
    expect(answer.ok && answer.data.account).toEqual({ id: bob.uid, username: "bob@example.com" });
    signedIn.disconnect();

    await revokeAfterSignIn(bob.uid);
    const revoked = await t.connect(bob.idToken);
    const guest = await revoked.emitWithAck("join", { room: "fb", name: "Bob" });
    expect(guest.ok && guest.data.account).toBeNull();
    expect(guest.ok && guest.data.authError?.code).toBe("revoked-token");
    revoked.disconnect();
    expect((await api("/recordings", { token: bob.idToken })).body.error?.code).toBe(
      "revoked-token",
    );
  });
});

/** The same claims, but for another project's audience. */
function forgedToken(idToken: string): string {
  return withClaims(idToken, {
    aud: "demo-someone-else",
    iss: "https://securetoken.google.com/demo-someone-else",
  });
}
