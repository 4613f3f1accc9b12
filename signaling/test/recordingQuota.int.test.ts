import {
  PeerMessageType,
  RECORDING_LIMITS,
  type RecordedEvent,
  type SignInAnswer,
} from "@nicepiano/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draft, SCALE } from "./contracts/recordingStoreContract";
import { apiClient } from "./support/apiClient";
import { startTestServer, type TestServer } from "./support/testServer";

describe("each account's share of the store", () => {
  let t: TestServer;
  let ada: SignInAnswer;
  let bob: SignInAnswer;
  const api = apiClient(() => t.url);

  beforeAll(async () => {
    t = await startTestServer({ rateLimitExempt: ["127.0.0.1"] });
    const accounts = t.server.backend.localAccounts!;
    ada = await accounts.signUp({ username: "ada", password: "correct horse" });
    bob = await accounts.signUp({ username: "bob", password: "correct horse" });
  });
  afterAll(() => t.close());

  it("takes recordings up to the account's count, then says why it takes no more", async () => {
    const { recordings } = RECORDING_LIMITS.perAccount;
    // Straight into the store, as saved before: the API counts them all.
    for (let i = 0; i < recordings - 1; i++) {
      await t.server.backend.recordings.save(ada.account.id, draft(`Take ${i}`, SCALE));
    }
    const last = await api("/recordings", { token: ada.token, body: draft("Last", SCALE) });
    expect(last.status).toBe(201);
    const over = await api("/recordings", { token: ada.token, body: draft("Over", SCALE) });
    expect([over.status, over.body.error?.code]).toEqual([507, "quota-exceeded"]);
    expect((await t.server.backend.recordings.list(ada.account.id)).length).toBe(recordings);
    // Nobody else's share is touched; deleting one makes room again.
    const bobs = await api("/recordings", { token: bob.token, body: draft("Bob's", SCALE) });
    expect(bobs.status).toBe(201);
    const id = last.body.recording!.id;
    expect((await api(`/recordings/${id}`, { token: ada.token, method: "DELETE" })).status).toBe(
      204,
    );
    expect(
      (await api("/recordings", { token: ada.token, body: draft("Again", SCALE) })).status,
    ).toBe(201);
  });

  it("counts the events an account keeps, however few recordings hold them", async () => {
    const { events } = RECORDING_LIMITS.perAccount;
    const carl = await t.server.backend.localAccounts!.signUp({
      username: "carl",
      password: "correct horse",
    });
    // A full take: its longest, notes struck and let go one after another.
    const take = draft(
      "Long",
      Array.from({ length: RECORDING_LIMITS.events }, (_, i): RecordedEvent =>
        i % 2 === 0 ? [i, PeerMessageType.NoteOn, 60, 64] : [i, PeerMessageType.NoteOff, 60, 0],
      ),
    );
    const takes = Math.floor(events / RECORDING_LIMITS.events);
    for (let i = 0; i < takes; i++) await t.server.backend.recordings.save(carl.account.id, take);
    const over = await api("/recordings", { token: carl.token, body: draft("One more", SCALE) });
    expect([over.status, over.body.error?.code]).toEqual([507, "quota-exceeded"]);
  });

  it("holds to the count when saves arrive at once", async () => {
    const dora = await t.server.backend.localAccounts!.signUp({
      username: "dora",
      password: "correct horse",
    });
    const { recordings } = RECORDING_LIMITS.perAccount;
    for (let i = 0; i < recordings - 2; i++) {
      await t.server.backend.recordings.save(dora.account.id, draft(`Take ${i}`, SCALE));
    }
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        api("/recordings", { token: dora.token, body: draft("x", SCALE) }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(2);
    expect((await t.server.backend.recordings.list(dora.account.id)).length).toBe(recordings);
  });
});
