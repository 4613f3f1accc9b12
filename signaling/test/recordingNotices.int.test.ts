import type { SignInAnswer } from "@nicepiano/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedBackend, type Backend } from "../src/backend";
import { draft } from "./contracts/recordingStoreContract";
import { apiClient, signUpThrough } from "./support/apiClient";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import { nextEvent, startTestServer, type TestClient, type TestServer } from "./support/testServer";

/** Counts the `recordingsChanged` a client hears. */
function counting(client: TestClient): { heard: () => number } {
  let heard = 0;
  client.on("recordingsChanged", () => heard++);
  return { heard: () => heard };
}

/**
 * Sends `client` a change of `token`'s own and waits for it: what it heard before
 * arrived first (one socket's events come in order).
 */
async function barrier(client: TestClient, change: () => Promise<unknown>): Promise<void> {
  const told = nextEvent(client, "recordingsChanged");
  await change();
  await told;
}

describe("the pages of an account hear when its recordings change", () => {
  let t: TestServer;
  let ada: SignInAnswer;
  let bob: SignInAnswer;
  const api = apiClient(() => t.url);
  const save = (token: string, name = "Take") => api("/recordings", { token, body: draft(name) });

  beforeAll(async () => {
    t = await startTestServer();
    ada = await signUpThrough(api, "ada", "correct horse");
    bob = await signUpThrough(api, "bob", "battery staple");
  });
  afterAll(() => t.close());

  it("tells every page of the account of a save, a rename and a delete, and nobody else", async () => {
    const [adaHere, adaThere, bobs, guest] = await Promise.all([
      t.connect(ada.token),
      t.connect(ada.token),
      t.connect(bob.token),
      t.connect(),
    ]);
    const here = counting(adaHere);
    const there = counting(adaThere);
    const bobHeard = counting(bobs);
    const guestHeard = counting(guest);

    const saved = nextEvent(adaThere, "recordingsChanged");
    const id = (await save(ada.token)).body.recording!.id;
    await saved;
    const renamed = nextEvent(adaThere, "recordingsChanged");
    await api(`/recordings/${id}`, { token: ada.token, method: "PATCH", body: { name: "New" } });
    await renamed;
    const deleted = nextEvent(adaThere, "recordingsChanged");
    expect((await api(`/recordings/${id}`, { token: ada.token, method: "DELETE" })).status).toBe(
      204,
    );
    await deleted;

    // Bob's own save reaches him after anything of Ada's would have.
    await barrier(bobs, () => save(bob.token));
    expect(here.heard()).toBe(3);
    expect(there.heard()).toBe(3);
    expect(bobHeard.heard()).toBe(1);
    expect(guestHeard.heard()).toBe(0);
  });

  it("tells nobody of a request that changed nothing (refused, or a list read)", async () => {
    const page = await t.connect(ada.token);
    const heard = counting(page);
    expect((await api("/recordings", { token: ada.token, body: { name: "" } })).status).toBe(400);
    expect((await api("/recordings/nope", { token: ada.token, method: "DELETE" })).status).toBe(
      404,
    );
    await api("/recordings", { token: ada.token });
    await barrier(page, () => save(ada.token));
    expect(heard.heard()).toBe(1);
  });

  it("tells a page that connects with an out-of-date list version, and no other", async () => {
    const list = async () => (await api("/recordings", { token: ada.token })).body.version!;
    const told = new Map<TestClient, number>();
    /** A page connecting with `auth`, and what it heard from the start. */
    const page = (auth: object) =>
      t.connect(undefined, { auth }, (client) => {
        told.set(client, 0);
        client.on("recordingsChanged", () => told.set(client, told.get(client)! + 1));
      });
    const held = await list();
    // The list's version goes up by one with each change.
    await save(ada.token);
    expect(await list()).toBe(held + 1);

    const { token } = ada;
    const pages = await Promise.all([
      page({ token, recordings: held + 1 }),
      page({ token, recordings: held }),
      page({ token }),
      page({ token, recordings: String(held) }),
      page({ recordings: held }), // a guest
    ]);
    // What the server sent each on its connection came before the answer to a request.
    await Promise.all(pages.map((client) => client.emitWithAck("clock")));
    expect(pages.map((client) => told.get(client))).toEqual([0, 1, 0, 0, 0]);
  });

  it("follows the socket's account as it signs in and out", async () => {
    const page = await t.connect();
    const heard = counting(page);
    const signedIn = await page.emitWithAck("authenticate", ada.token);
    expect(signedIn.ok).toBe(true);
    await barrier(page, () => save(ada.token));
    expect(heard.heard()).toBe(1);

    // Signed in as Bob now: Ada's changes are not his page's.
    await page.emitWithAck("authenticate", bob.token);
    await save(ada.token);
    await barrier(page, () => save(bob.token));
    expect(heard.heard()).toBe(2);

    await page.emitWithAck("authenticate", null);
    const watcher = await t.connect(bob.token);
    await barrier(watcher, () => save(bob.token));
    expect(heard.heard()).toBe(2);
  });
});

describe("a page whose token is revoked", () => {
  it("hears no more of the account once its token is checked again", async () => {
    const t = await startTestServer({ tokenRecheckMs: 100 });
    const api = apiClient(() => t.url);
    const credentials = { username: "ada", password: "correct horse" };
    const first = (await api("/auth/signup", { body: credentials })).body as SignInAnswer;
    const page = await t.connect(first.token);
    const heard = counting(page);
    expect((await api("/auth/signout", { token: first.token, body: {} })).status).toBe(204);
    // A few rounds of the token check: the page is a guest now.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = (await api("/auth/signin", { body: credentials })).body as SignInAnswer;
    const watcher = await t.connect(again.token);
    await barrier(watcher, () => api("/recordings", { token: again.token, body: draft("Take") }));
    expect(heard.heard()).toBe(0);
    await t.close();
  });
});

describe("an account's pages on other instances hear of its changes (Redis)", () => {
  let redis: RedisServer;
  let backend: Backend;
  let instances: TestServer[] = [];
  beforeAll(async () => {
    redis = await startRedisServer();
    // One shared store, as instances of one deployment share Firestore.
    backend = createEmbeddedBackend({ dataDir: null });
    instances = await startTestCluster(2, redis.url, {}, backend);
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("tells a page on another instance than the one that saved", async () => {
    const ada = await backend.localAccounts!.signUp({ username: "ada", password: "correct horse" });
    const elsewhere = await instances[1]!.connect(ada.token);
    const told = nextEvent(elsewhere, "recordingsChanged");
    const api = apiClient(() => instances[0]!.url);
    expect((await api("/recordings", { token: ada.token, body: draft("Take") })).status).toBe(201);
    await told;
  });
});
