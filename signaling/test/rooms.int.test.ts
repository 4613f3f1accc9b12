import type { SignalData } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  emitRaw,
  join,
  nextEvent,
  startTestServer,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

const offer: SignalData = { type: "offer", sdp: "v=0 test" };

describe("signaling server: rooms", () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer({ pingIntervalMs: 100 });
  });
  afterEach(() => t.close());

  it("answers a join with self, members, ice servers and the server time", async () => {
    const ada = await t.connect();
    const before = Date.now();
    const first = await join(ada, "jam", "Ada");
    expect(first.self).toMatchObject({ id: ada.id, name: "Ada" });
    expect(first.self.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(first.members).toEqual([]);
    expect(first.iceServers).toEqual([]);
    expect(first.serverTime).toBeGreaterThanOrEqual(before);

    const bob = await t.connect();
    const announced = nextEvent(ada, "memberJoined");
    const second = await join(bob, "jam", "Bob");
    expect(second.members).toEqual([first.self]);
    expect(second.self.color).not.toBe(first.self.color);
    expect(await announced).toEqual([second.self]);
  });

  it("marks a signed-in member so (the server's word: a guest cannot claim it)", async () => {
    const { token } = await t.server.backend.localAccounts!.signUp({
      username: "ada",
      password: "correct horse",
    });
    const ada = await t.connect(token);
    const first = await join(ada, "jam", "Ada");
    expect(first.self.signedIn).toBe(true);
    const guest = await t.connect();
    const claim = await emitRaw(guest, "join", { room: "jam", name: "Ada", signedIn: true });
    expect(claim).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    const second = await join(guest, "jam", "Ada");
    expect(second.self.signedIn).toBeUndefined();
    expect(second.members).toEqual([first.self]);

    // Signing in later shows in the room too; signing out takes the mark away.
    const marked = nextEvent(ada, "memberUpdated");
    const bob = await t.server.backend.localAccounts!.signUp({
      username: "bob",
      password: "correct horse",
    });
    expect((await guest.emitWithAck("authenticate", bob.token)).ok).toBe(true);
    expect((await marked)[0]).toMatchObject({ id: second.self.id, signedIn: true });
    const unmarked = nextEvent(ada, "memberUpdated");
    await guest.emitWithAck("authenticate", null);
    expect((await unmarked)[0].signedIn).toBeUndefined();
  });

  it("relays a signal to a member of the same room, tagged with the sender", async () => {
    const [a, b] = [await t.connect(), await t.connect()];
    await join(a, "jam");
    await join(b, "jam");
    const received = nextEvent(b, "signal");
    expect(await signalWithAck(a, { to: b.id!, data: offer })).toEqual({
      ok: true,
      data: null,
    });
    expect(await received).toEqual([{ from: a.id, data: offer }]);
  });

  it("refuses a signal to a socket in another room, which receives nothing", async () => {
    const [a, outsider] = [await t.connect(), await t.connect()];
    await join(a, "jam");
    await join(outsider, "other-room");
    let leaked = false;
    outsider.on("signal", () => (leaked = true));
    const answer = await signalWithAck(a, { to: outsider.id!, data: offer });
    expect(answer).toMatchObject({ ok: false, error: { code: "unknown-peer" } });
    const notInRoom = await t.connect();
    expect(await signalWithAck(notInRoom, { to: a.id!, data: offer })).toMatchObject({
      ok: false,
      error: { code: "not-in-room" },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(leaked).toBe(false);
  });

  it("keeps rooms isolated: joins and leaves are announced only in their room", async () => {
    const [a, b, c] = [await t.connect(), await t.connect(), await t.connect()];
    await join(a, "one");
    let heard = 0;
    a.on("memberJoined", () => heard++);
    a.on("memberLeft", () => heard++);
    await join(b, "two");
    await join(c, "two");
    c.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard).toBe(0);
  });

  it("announces a leave, on request and on disconnect", async () => {
    const [a, b, c] = [await t.connect(), await t.connect(), await t.connect()];
    await join(a, "jam");
    await join(b, "jam");
    const left = nextEvent(a, "memberLeft");
    expect(await b.emitWithAck("leave")).toEqual({ ok: true, data: null });
    expect(await left).toEqual([b.id]);

    await join(c, "jam");
    const gone = nextEvent(a, "memberLeft");
    const cId = c.id;
    c.disconnect();
    expect(await gone).toEqual([cId]);
    const d = await t.connect();
    expect((await join(d, "jam")).members.map((m) => m.id)).toEqual([a.id]);
  });

  it("moves a socket that joins another room out of the first", async () => {
    const [a, b] = [await t.connect(), await t.connect()];
    await join(a, "one");
    await join(b, "one");
    const left = nextEvent(a, "memberLeft");
    await join(b, "two");
    expect(await left).toEqual([b.id]);
  });

  it("renames a member and tells the room", async () => {
    const [a, b] = [await t.connect(), await t.connect()];
    await join(a, "jam", "Ada");
    await join(b, "jam", "Bob");
    const updated = nextEvent(a, "memberUpdated");
    const answer = await b.emitWithAck("rename", "  Robert ");
    expect(answer).toMatchObject({ ok: true, data: { id: b.id, name: "Robert" } });
    expect((await updated)[0].name).toBe("Robert");
  });

  it("admits a room's capacity, lets the next listen, and answers the one after with room-full", async () => {
    await t.close();
    t = await startTestServer({ maxRoomMembers: 2, maxRoomListeners: 1 });
    const [a, b, c, e] = [
      await t.connect(),
      await t.connect(),
      await t.connect(),
      await t.connect(),
    ];
    await join(a, "small");
    await join(b, "small");
    expect((await join(c, "small")).self.listener).toBe(true);
    expect(await e.emitWithAck("join", { room: "small", name: "e" })).toMatchObject({
      ok: false,
      error: { code: "room-full" },
    });
    const d = await t.connect();
    expect((await join(d, "elsewhere")).members).toEqual([]);
  });

  it("holds 16 players by default, the full-mesh limit; the 17th listens", async () => {
    const players = await Promise.all(Array.from({ length: 17 }, () => t.connect()));
    for (const player of players.slice(0, 16)) {
      expect((await join(player, "full")).self.listener).toBeUndefined();
    }
    expect((await join(players[16]!, "full")).self.listener).toBe(true);
  });

  it("lets two sockets joining at once both learn of each other", async () => {
    for (let round = 0; round < 10; round++) {
      const [a, b] = [await t.connect(), await t.connect()];
      const seenByA = new Set<string>();
      const seenByB = new Set<string>();
      a.on("memberJoined", (m) => seenByA.add(m.id));
      b.on("memberJoined", (m) => seenByB.add(m.id));
      const room = `race-${round}`;
      const [ja, jb] = await Promise.all([join(a, room), join(b, room)]);
      ja.members.forEach((m) => seenByA.add(m.id));
      jb.members.forEach((m) => seenByB.add(m.id));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seenByA.has(b.id!)).toBe(true);
      expect(seenByB.has(a.id!)).toBe(true);
    }
  });

  it("measures each member's round trip and sends the room's table with every ping", async () => {
    const [a, b] = [await t.connect(), await t.connect()];
    const tables: Record<string, number>[] = [];
    let separately = 0; // one instance: no table in a message of its own
    a.on("latency", () => separately++);
    a.on("latencyPing", (table, ack) => (ack(), tables.push(table)));
    b.on("latencyPing", (_table, ack) => ack());
    await join(a, "jam");
    await join(b, "jam");
    await expect.poll(() => tables.some((table) => a.id! in table && b.id! in table)).toBe(true);
    const last = tables.at(-1)!;
    expect(last[a.id!]).toBeGreaterThanOrEqual(0);
    expect(last[a.id!]).toBeLessThan(1000);
    expect(separately).toBe(0);
  });

  it("answers the clock request with the server time", async () => {
    const a = await t.connect();
    const before = Date.now();
    const serverTime = await a.emitWithAck("clock");
    expect(serverTime).toBeGreaterThanOrEqual(before);
    expect(serverTime).toBeLessThanOrEqual(Date.now());
  });

  it.each([
    ["join", [{ room: "../x", name: "a" }]],
    ["join", ["not an object"]],
    ["join", [{ room: "a".repeat(500), name: "b" }]],
    ["rename", [{ name: "object" }]],
    ["signal", [{ to: 5, data: offer }]],
    ["signal", [{ to: "x", data: { type: "offer" } }]],
  ])("answers malformed %s %o with invalid-payload", async (event, args) => {
    const a = await t.connect();
    const answer = await emitRaw(a, event, ...args);
    expect(answer).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    expect(answer.ok === false && answer.error.message.length).toBeGreaterThan(3);
  });

  it("survives events without a callback and keeps serving", async () => {
    const a = await t.connect();
    (a as unknown as { emit(...args: unknown[]): void }).emit("join", { room: "x", name: "y" });
    (a as unknown as { emit(...args: unknown[]): void }).emit("signal", "junk", 42);
    (a as unknown as { emit(...args: unknown[]): void }).emit("no-such-event", 1);
    const b = await t.connect();
    expect((await join(b, "x")).members.map((m) => m.id)).toEqual([a.id]);
  });
});
