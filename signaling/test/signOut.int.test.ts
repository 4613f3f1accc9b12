import type { SignInAnswer } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBackend } from "../src/backend";
import { draft, SCALE } from "./contracts/recordingStoreContract";
import { apiClient } from "./support/apiClient";
import { join, startTestServer, type TestServer } from "./support/testServer";

describe("signing out on the server (embedded back end)", () => {
  let t: TestServer;
  let ada: SignInAnswer;
  const api = apiClient(() => t.url);

  /** Starts the server; `tokenRecheckMs`: how often it checks every socket's token. */
  async function start(tokenRecheckMs: number): Promise<void> {
    t = await startTestServer({ tokenRecheckMs });
    ada = (await api("/auth/signup", { body: { username: "ada", password: "correct horse" } }))
      .body as SignInAnswer;
  }
  afterEach(() => t.close());

  it("revokes the token: the API and a socket signed in with it take it no more", async () => {
    // No periodic check in this test's time: the refusal is the play handler's own check
    // (one every 200 ms would sometimes demote the socket first: "unauthorized").
    await start(60_000);
    const take = (await t.server.backend.recordings.save(ada.account.id, draft("Take", SCALE))).id;
    const socket = await t.connect(ada.token);
    const joined = await join(socket, "jam", "Ada");
    expect(joined.self.signedIn).toBe(true);

    expect((await api("/auth/signout", { token: ada.token, body: {} })).status).toBe(204);
    expect((await api("/me", { token: ada.token })).body.error?.code).toBe("revoked-token");
    // The socket signed in before is a guest now: it may not play recordings.
    expect(await socket.emitWithAck("play", { recordingId: take, loop: false })).toMatchObject({
      ok: false,
      error: { code: "revoked-token" },
    });
  });

  it("demotes a long-lived socket whose token was revoked elsewhere", async () => {
    await start(200);
    const socket = await t.connect(ada.token);
    await join(socket, "jam", "Ada");
    const bob = await t.connect();
    const updated = new Promise((resolve) => bob.on("memberUpdated", resolve));
    await join(bob, "jam", "Bob");
    await t.server.backend.verifier.revoke(ada.account.id);
    expect(await updated).toMatchObject({ name: "Ada" });
    expect(await updated).not.toHaveProperty("signedIn");
  });

  it("checks each signed-in socket's token once a round, a slice of the sockets each second", async () => {
    const backend = createEmbeddedBackend({ dataDir: null });
    const accounts = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        backend.localAccounts!.signUp({ username: `player${i}`, password: "correct horse" }),
      ),
    );
    /** When each token was checked, ms since the sockets connected. */
    const checks: { token: string; at: number }[] = [];
    let since = 0;
    const verifier = backend.localAccounts!;
    const counted = {
      ...backend,
      verifier: {
        verify: (token: string) => {
          checks.push({ token, at: performance.now() - since });
          return verifier.verify(token);
        },
        revoke: (id: string) => verifier.revoke(id),
      },
    };
    t = await startTestServer({ tokenRecheckMs: 3000 }, counted);
    await Promise.all(accounts.map(({ token }) => t.connect(token)));
    checks.length = 0;
    since = performance.now();
    // A round and a bit: every slice once, one or two of them twice.
    await new Promise((resolve) => setTimeout(resolve, 3500));

    const times = new Map<string, number>();
    for (const { token } of checks) times.set(token, (times.get(token) ?? 0) + 1);
    expect([...times.keys()].sort()).toEqual(accounts.map(({ token }) => token).sort());
    expect(Math.max(...times.values())).toBeLessThanOrEqual(2);
    // In slices a second apart, none of them all the sockets.
    const seconds = new Map<number, number>();
    for (const { at } of checks) {
      const second = Math.floor(at / 1000);
      seconds.set(second, (seconds.get(second) ?? 0) + 1);
    }
    expect(seconds.size).toBeGreaterThan(1);
    expect(Math.max(...seconds.values())).toBeLessThan(accounts.length);
  });

  it("needs a valid token to sign out", async () => {
    await start(60_000);
    expect((await api("/auth/signout", { body: {} })).status).toBe(401);
    expect((await api("/auth/signout", { token: "forged", body: {} })).status).toBe(401);
  });
});
