import {
  decodePeerFrame,
  encodeNoteFrame,
  PeerFrameType,
  PeerMessageType,
  type Ack,
  type JoinAnswer,
} from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../src/guard/rateLimits";
import {
  nextEvent,
  startTestServer,
  type TestClient,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

let t: TestServer;
afterEach(() => t.close());

const joined = (answer: Ack<JoinAnswer>): JoinAnswer => {
  if (!answer.ok) throw new Error(`join refused: ${answer.error.code}`);
  return answer.data;
};

async function enter(room: string, name: string, listen?: boolean) {
  const client = await t.connect();
  const answer = await client.emitWithAck("join", {
    room,
    name,
    ...(listen === undefined ? {} : { listen }),
  });
  return { client, answer, id: joined(answer).self.id };
}

const note = (seq: number, value: number) =>
  encodeNoteFrame({
    events: [{ seq, message: { type: PeerMessageType.NoteOn, note: value, velocity: 90, t: 1 } }],
  });

/** The note a one-note frame carries. */
function noteOf(bytes: ArrayBuffer | Uint8Array): number | undefined {
  const frame = decodePeerFrame(new Uint8Array(bytes));
  const message = frame?.type === PeerFrameType.Notes ? frame.events[0]?.message : undefined;
  return message && "note" in message ? message.note : undefined;
}

/** Every `relayed` frame `client` receives, as "from:note". */
function heard(client: TestClient): string[] {
  const frames: string[] = [];
  client.on("relayed", (from, frame) => frames.push(`${from}:${noteOf(frame)}`));
  return frames;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("listeners beyond the performer limit", () => {
  it("lets newcomers beyond the players' limit listen, up to the listeners' limit", async () => {
    t = await startTestServer({ maxRoomMembers: 2, maxRoomListeners: 2 });
    const ada = await enter("class", "Ada");
    const bob = await enter("class", "Bob");
    const announced = nextEvent(ada.client, "memberJoined");
    const cy = await enter("class", "Cy");
    expect(joined(cy.answer).self).toMatchObject({ name: "Cy", listener: true });
    expect((await announced)[0]).toMatchObject({ id: cy.id, listener: true });
    expect(joined(bob.answer).self.listener).toBeUndefined();
    // One who asks to listen, listens.
    const dan = await enter("class", "Dan", true);
    expect(joined(dan.answer).self.listener).toBe(true);
    expect(joined(dan.answer).members.map((member) => member.name)).toEqual(["Ada", "Bob", "Cy"]);

    const eve = await t.connect();
    const refused = await eve.emitWithAck("join", { room: "class", name: "Eve" });
    expect(refused).toMatchObject({ ok: false, error: { code: "room-full" } });
    expect(!refused.ok && refused.error.message).toContain("2 players and 2 listeners");
  });

  it("passes a player's notes to every listener, and only to them", async () => {
    t = await startTestServer({ maxRoomMembers: 2 });
    const ada = await enter("class", "Ada");
    const bob = await enter("class", "Bob");
    const cy = await enter("class", "Cy");
    const dan = await enter("class", "Dan");
    const other = await enter("other-room", "Olga", true);
    const atBob = heard(bob.client);
    const atCy = heard(cy.client);
    const atDan = heard(dan.client);
    const atOther = heard(other.client);

    ada.client.emit("toListeners", note(0, 60));
    bob.client.emit("toListeners", note(0, 64));
    const both = [`${ada.id}:60`, `${bob.id}:64`].sort();
    await expect.poll(() => [...atCy].sort(), { timeout: 3000 }).toEqual(both);
    await expect.poll(() => [...atDan].sort(), { timeout: 3000 }).toEqual(both);
    await pause(200);
    expect(atBob).toEqual([]);
    expect(atOther).toEqual([]);
  });

  it("gives listeners no peer connections, no notes to send and no playbacks to start", async () => {
    t = await startTestServer({ maxRoomMembers: 2 });
    const ada = await enter("class", "Ada");
    await enter("class", "Bob");
    const cy = await enter("class", "Cy");
    const dan = await enter("class", "Dan");
    const atAda = heard(ada.client);
    const atDan = heard(dan.client);
    const offer = { type: "offer" as const, sdp: "v=0" };

    expect(await signalWithAck(cy.client, { to: ada.id, data: offer })).toMatchObject({
      ok: false,
      error: { code: "listening" },
    });
    // Nor can a player start one with a listener.
    expect(await signalWithAck(ada.client, { to: cy.id, data: offer })).toMatchObject({
      ok: false,
      error: { code: "unknown-peer" },
    });
    cy.client.emit("relay", ada.id, note(0, 70));
    cy.client.emit("toListeners", note(1, 71));
    ada.client.emit("relay", cy.id, note(0, 72));
    expect(await cy.client.emitWithAck("play", { recordingId: "x", loop: false })).toMatchObject({
      ok: false,
      error: { code: "listening" },
    });
    await pause(300);
    expect(atAda).toEqual([]);
    expect(atDan).toEqual([]);
  });

  it("passes nothing on from a player the owner muted", async () => {
    t = await startTestServer({ maxRoomMembers: 2 });
    const ada = await enter("class", "Ada");
    const bob = await enter("class", "Bob");
    const cy = await enter("class", "Cy");
    const atCy = heard(cy.client);
    expect(
      await ada.client.emitWithAck("control", { type: "mute", peer: bob.id, muted: true }),
    ).toMatchObject({ ok: true });
    bob.client.emit("toListeners", note(0, 64));
    ada.client.emit("toListeners", note(0, 60));
    await expect.poll(() => atCy, { timeout: 3000 }).toEqual([`${ada.id}:60`]);
    await pause(200);
    expect(atCy).toEqual([`${ada.id}:60`]);
  });
});

describe("the listeners' feed under a flood", () => {
  it("has a budget of its own: a flood reaches the listeners capped, and the relay still works", async () => {
    t = await startTestServer({ maxRoomMembers: 2 });
    const ada = await enter("class", "Ada");
    const bob = await enter("class", "Bob");
    const cy = await enter("class", "Cy", true);
    const atCy = heard(cy.client);
    const atBob = heard(bob.client);
    // Past its budget by fewer than the refusals that get a socket disconnected.
    const sent = RATE_LIMITS.listeners.burst + 40;
    for (let seq = 0; seq < sent; seq++) ada.client.emit("toListeners", note(seq, 60));
    await pause(500);
    expect(ada.client.connected).toBe(true);
    expect(atCy.length).toBeGreaterThanOrEqual(RATE_LIMITS.listeners.burst);
    expect(atCy.length).toBeLessThan(sent);
    // Its fallback path to the other player is untouched by the flood of the feed.
    ada.client.emit("relay", bob.id, note(0, 72));
    await pause(300);
    expect(atBob).toContain(`${ada.id}:72`);
  });
});
