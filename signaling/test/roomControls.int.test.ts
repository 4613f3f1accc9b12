import {
  newPeerKey,
  type Ack,
  type JoinAnswer,
  type RoomControl,
  type RoomSettings,
} from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import {
  emitRaw,
  nextEvent,
  startTestServer,
  type TestClient,
  type TestServer,
} from "./support/testServer";

let t: TestServer;
afterEach(() => t.close());

/** Joins `room` as `name` with a key of its own (so it can come back as itself). */
async function enter(room: string, name: string, key = newPeerKey()) {
  const client = await t.connect();
  const answer = await client.emitWithAck("join", { room, name, key });
  return { client, answer, key };
}

const joined = (answer: Ack<JoinAnswer>): JoinAnswer => {
  if (!answer.ok) throw new Error(`join refused: ${answer.error.code}`);
  return answer.data;
};

const control = (client: TestClient, request: RoomControl) =>
  client.emitWithAck("control", request);

describe("room controls, enforced by the server", () => {
  it("makes the first to arrive the owner; nobody else may change the room", async () => {
    t = await startTestServer();
    const ada = await enter("jam", "Ada");
    const bob = await enter("jam", "Bob");
    const adaId = joined(ada.answer).self.id;
    expect(joined(ada.answer).settings).toMatchObject({ owner: adaId, locked: false });
    expect(joined(bob.answer).settings.owner).toBe(adaId);
    expect(await control(bob.client, { type: "lock", locked: true })).toMatchObject({
      ok: false,
      error: { code: "not-owner" },
    });
    for (const junk of [{ type: "lock" }, { type: "performerLimit", limit: 99 }, "lock", null]) {
      expect(await emitRaw(ada.client, "control", junk)).toMatchObject({
        ok: false,
        error: { code: "invalid-payload" },
      });
    }
  });

  it("locks the room to newcomers, lets its members back after a lost connection, and unlocks", async () => {
    t = await startTestServer();
    const ada = await enter("den", "Ada");
    const bob = await enter("den", "Bob");
    const heard = nextEvent(bob.client, "roomSettings");
    expect(await control(ada.client, { type: "lock", locked: true })).toMatchObject({
      ok: true,
      data: { locked: true },
    });
    expect((await heard)[0].locked).toBe(true);

    const stranger = await enter("den", "Eve");
    expect(stranger.answer).toMatchObject({ ok: false, error: { code: "room-locked" } });
    // Bob's connection drops; he comes back as himself (his key) and is let in.
    bob.client.disconnect();
    expect((await enter("den", "Bob", bob.key)).answer.ok).toBe(true);

    await control(ada.client, { type: "lock", locked: false });
    expect((await enter("den", "Eve")).answer.ok).toBe(true);
  });

  it("opens an emptied room afresh to the next to arrive, lock and owner gone", async () => {
    t = await startTestServer();
    const ada = await enter("empty", "Ada");
    await control(ada.client, { type: "lock", locked: true });
    await ada.client.emitWithAck("leave");
    const bob = await enter("empty", "Bob");
    expect(joined(bob.answer).settings).toMatchObject({
      owner: joined(bob.answer).self.id,
      locked: false,
    });
  });

  it("holds the room to the owner's performer limit: beyond it, newcomers listen", async () => {
    t = await startTestServer({ maxRoomListeners: 1 });
    const ada = await enter("duo", "Ada");
    await control(ada.client, { type: "performerLimit", limit: 2 });
    expect(joined((await enter("duo", "Bob")).answer).self.listener).toBeUndefined();
    expect(joined((await enter("duo", "Cy")).answer).self.listener).toBe(true);
    expect((await enter("duo", "Dan")).answer).toMatchObject({
      ok: false,
      error: { code: "room-full", message: expect.stringContaining("2 players") as string },
    });
  });

  it("lets the owner of a large room's server set a limit above 16, up to the server's size", async () => {
    t = await startTestServer({ maxRoomMembers: 32 });
    const ada = await enter("hall", "Ada");
    expect(await control(ada.client, { type: "performerLimit", limit: 20 })).toMatchObject({
      ok: true,
      data: { performerLimit: 20 },
    });
    expect(await control(ada.client, { type: "performerLimit", limit: 40 })).toMatchObject({
      ok: true,
      data: { performerLimit: 32 },
    });
  });

  it("mutes a player for everyone: the server relays none of their notes until unmuted", async () => {
    t = await startTestServer();
    const ada = await enter("hush", "Ada");
    const bob = await enter("hush", "Bob");
    const [adaId, bobId] = [ada, bob].map(({ answer }) => joined(answer).self.id);
    const muted = await control(ada.client, { type: "mute", peer: bobId!, muted: true });
    expect(muted).toMatchObject({ ok: true, data: { muted: [bobId] } });

    const frame = new Uint8Array([1, 2, 3]);
    const nothing = expect(nextEvent(ada.client, "relayed", 500)).rejects.toThrow();
    bob.client.emit("relay", adaId!, frame);
    await nothing;

    await control(ada.client, { type: "mute", peer: bobId!, muted: false });
    const relayed = nextEvent(ada.client, "relayed");
    bob.client.emit("relay", adaId!, frame);
    expect((await relayed)[0]).toBe(bobId);
    expect(await control(ada.client, { type: "mute", peer: "nobody", muted: true })).toMatchObject({
      ok: false,
      error: { code: "unknown-peer" },
    });
  });

  it("removes a player, who is told why and may not come back", async () => {
    t = await startTestServer();
    const ada = await enter("stage", "Ada");
    const bob = await enter("stage", "Bob");
    const cy = await enter("stage", "Cy");
    const bobId = joined(bob.answer).self.id;
    const told = nextEvent(bob.client, "kicked");
    const left = nextEvent(cy.client, "memberLeft");
    expect((await control(ada.client, { type: "remove", peer: bobId })).ok).toBe(true);
    expect((await told)[0].code).toBe("removed");
    expect((await left)[0]).toBe(bobId);
    expect((await enter("stage", "Bob", bob.key)).answer).toMatchObject({
      ok: false,
      error: { code: "removed" },
    });
    const adaId = joined(ada.answer).self.id;
    expect(await control(ada.client, { type: "remove", peer: adaId })).toMatchObject({
      ok: false,
      error: { code: "invalid-payload" },
    });
  });

  it("hands the room over, and passes it to the earliest arrival when the owner is gone", async () => {
    t = await startTestServer({ resumeGraceMs: 100 });
    const ada = await enter("hall", "Ada");
    const bob = await enter("hall", "Bob");
    const cy = await enter("hall", "Cy");
    const bobId = joined(bob.answer).self.id;
    expect(await control(ada.client, { type: "transfer", peer: bobId })).toMatchObject({
      ok: true,
      data: { owner: bobId },
    });
    expect((await control(ada.client, { type: "lock", locked: true })).ok).toBe(false);
    expect((await control(bob.client, { type: "lock", locked: true })).ok).toBe(true);

    // Bob leaves: Ada, the earliest arrival still there, runs the room; Cy does not.
    await bob.client.emitWithAck("leave");
    expect((await control(cy.client, { type: "lock", locked: false })).ok).toBe(false);
    expect((await control(ada.client, { type: "lock", locked: false })).ok).toBe(true);
  });

  it("sets the metronome: a shared start a moment ahead, kept while the tempo is", async () => {
    t = await startTestServer();
    const ada = await enter("beat", "Ada");
    const before = Date.now();
    const on = await control(ada.client, {
      type: "metronome",
      bpm: 120,
      beatsPerBar: 3,
      running: true,
    });
    const started = (on as { data: RoomSettings }).data.metronome;
    expect(started).toMatchObject({ bpm: 120, beatsPerBar: 3 });
    expect(started.startAt! - before).toBeGreaterThanOrEqual(1000);
    expect(started.startAt! - before).toBeLessThan(2000);

    const sameTempo = await control(ada.client, {
      type: "metronome",
      bpm: 120,
      beatsPerBar: 4,
      running: true,
    });
    expect((sameTempo as { data: RoomSettings }).data.metronome.startAt).toBe(started.startAt);
    const newcomer = await enter("beat", "Bob");
    expect(joined(newcomer.answer).settings.metronome).toEqual({
      bpm: 120,
      beatsPerBar: 4,
      startAt: started.startAt,
    });
    const off = await control(ada.client, {
      type: "metronome",
      bpm: 120,
      beatsPerBar: 4,
      running: false,
    });
    expect((off as { data: RoomSettings }).data.metronome.startAt).toBeNull();
  });

  it("lets the owner alone ask every page to let go of everything, and sets a notice newcomers read", async () => {
    t = await startTestServer();
    const ada = await enter("panic", "Ada");
    const bob = await enter("panic", "Bob");
    expect(await control(bob.client, { type: "panic" })).toMatchObject({
      ok: false,
      error: { code: "not-owner" },
    });
    const heard = [nextEvent(ada.client, "panic"), nextEvent(bob.client, "panic")];
    expect((await control(ada.client, { type: "panic" })).ok).toBe(true);
    const adaId = joined(ada.answer).self.id;
    expect((await Promise.all(heard)).map(([by]) => by)).toEqual([adaId, adaId]);

    expect(
      await control(ada.client, { type: "notice", text: "  Jam at <b>8</b>  " }),
    ).toMatchObject({
      ok: true,
      data: { notice: "Jam at <b>8</b>" },
    });
    for (const text of ["x".repeat(201), "bidi \u202e", "a\nb", 7]) {
      expect(await emitRaw(ada.client, "control", { type: "notice", text })).toMatchObject({
        ok: false,
        error: { code: "invalid-payload" },
      });
    }
    expect(joined((await enter("panic", "Cy")).answer).settings.notice).toBe("Jam at <b>8</b>");
    await control(ada.client, { type: "notice", text: "" });
    expect(joined((await enter("panic", "Dee")).answer).settings.notice).toBe("");
  });

  it("takes a raised hand from listeners only, and lets the owner alone make them players", async () => {
    t = await startTestServer({ maxRoomMembers: 2 });
    const ada = await enter("hands", "Ada");
    const bob = await enter("hands", "Bob");
    const cy = await t.connect();
    const cyJoin = await cy.emitWithAck("join", { room: "hands", name: "Cy", key: newPeerKey() });
    const cyId = joined(cyJoin).self.id;
    expect(joined(cyJoin).self.listener).toBe(true);

    expect(await bob.client.emitWithAck("hand", true)).toMatchObject({
      ok: false,
      error: { code: "invalid-payload" },
    });
    expect(await emitRaw(cy, "hand", "yes")).toMatchObject({ ok: false });
    const heard = nextEvent(ada.client, "roomSettings");
    expect(await cy.emitWithAck("hand", true)).toMatchObject({ ok: true, data: { hands: [cyId] } });
    expect((await heard)[0].hands).toEqual([cyId]);

    expect(await control(bob.client, { type: "promote", peer: cyId })).toMatchObject({
      ok: false,
      error: { code: "not-owner" },
    });
    const adaId = joined(ada.answer).self.id;
    expect(await control(ada.client, { type: "promote", peer: adaId })).toMatchObject({
      ok: false,
      error: { code: "invalid-payload" },
    });
    // Two players already: the server's most.
    expect(await control(ada.client, { type: "promote", peer: cyId })).toMatchObject({
      ok: false,
      error: { code: "room-full" },
    });
    bob.client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const promoted = nextEvent(cy, "promoted");
    expect(await control(ada.client, { type: "promote", peer: cyId })).toMatchObject({
      ok: true,
      data: { hands: [] },
    });
    await promoted;
    const again = await cy.emitWithAck("join", { room: "hands", name: "Cy" });
    expect(joined(again).self.listener).toBeUndefined();
  });
});
