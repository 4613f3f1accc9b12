import {
  decodePeerFrame,
  encodeNoteFrame,
  MAX_FRAME_BYTES,
  PeerMessageType,
  type LatencyTable,
  type SignInAnswer,
} from "@nicepiano/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedBackend } from "../src/backend";
import { draft, SCALE } from "./contracts/recordingStoreContract";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import {
  join,
  nextEvent,
  type TestClient,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

const OFFER = { type: "offer", sdp: "v=0 cluster test" } as const;

describe("three signaling instances joined by a real redis-server", () => {
  let redis: RedisServer;
  let instances: TestServer[];
  let ada: SignInAnswer;

  const readiness = async (instance: TestServer) => {
    const response = await fetch(`${instance.url}/readyz`);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  /** Waits (up to 10 s) until every instance reports ready, and reaches the others. */
  const allReady = async () => {
    const deadline = Date.now() + 10_000;
    const statuses = async () =>
      (await Promise.all(instances.map(readiness))).map((r) =>
        (r.body as { degraded?: unknown }).degraded ? "degraded" : r.status,
      );
    while ((await statuses()).some((status) => status !== 200)) {
      if (Date.now() > deadline) throw new Error(`not ready: ${String(await statuses())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  /** A client of instance `i`, in `room`. */
  const member = async (i: number, room: string, token?: string) => {
    const client = await instances[i]!.connect(token);
    const answer = await join(client, room, `player on ${i}`);
    return { client, answer };
  };
  const nothingWithin = (client: TestClient, event: "signal", ms = 500) =>
    expect(nextEvent(client, event, ms)).rejects.toThrow(`no ${event}`);

  beforeAll(async () => {
    redis = await startRedisServer();
    // One shared store, as instances of one deployment share Firestore.
    const backend = createEmbeddedBackend({ dataDir: null });
    instances = await startTestCluster(3, redis.url, { pingIntervalMs: 200 }, backend);
    await allReady();
    ada = await backend.localAccounts!.signUp({ username: "ada", password: "correct horse" });
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("passes a player's notes to listeners on other instances, and a refused signal to none", async () => {
    const player = await member(0, "lecture");
    const client = await instances[1]!.connect();
    const answer = await client.emitWithAck("join", { room: "lecture", name: "Cy", listen: true });
    expect(answer.ok && answer.data.self.listener).toBe(true);
    const frame = nextEvent(client, "relayed");
    const message = { type: PeerMessageType.NoteOn, note: 60, velocity: 90, t: 0 } as const;
    player.client.emit("toListeners", encodeNoteFrame({ events: [{ seq: 1, message }] }));
    const [from, bytes] = await frame;
    expect(from).toBe(player.answer.self.id);
    expect(decodePeerFrame(new Uint8Array(bytes))).toMatchObject({ events: [{ message }] });
    // A signal to the listener on its instance is dropped there.
    const listenerId = answer.ok ? answer.data.self.id : "";
    await signalWithAck(player.client, { to: listenerId, data: OFFER });
    await nothingWithin(client, "signal");
  });

  it("says it is ready, with Redis", async () => {
    expect(await readiness(instances[0]!)).toEqual({
      status: 200,
      body: { ready: true, checks: { store: "ok", redis: "ok" } },
    });
  });

  it("shows members on every instance joining, renaming and leaving", async () => {
    const a = await member(0, "cross");
    const bJoined = nextEvent(a.client, "memberJoined");
    const b = await member(1, "cross");
    expect(b.answer.members.map((m) => m.id)).toEqual([a.answer.self.id]);
    expect((await bJoined)[0].id).toBe(b.answer.self.id);

    const c = await member(2, "cross");
    expect(c.answer.members.map((m) => m.id).sort()).toEqual(
      [a.answer.self.id, b.answer.self.id].sort(),
    );
    // Three members, three colours, though three instances picked them.
    expect(new Set([a, b, c].map((m) => m.answer.self.color)).size).toBe(3);

    const renamed = [nextEvent(a.client, "memberUpdated"), nextEvent(b.client, "memberUpdated")];
    await c.client.emitWithAck("rename", "Cy");
    for (const [update] of await Promise.all(renamed)) expect(update.name).toBe("Cy");

    const left = [nextEvent(a.client, "memberLeft"), nextEvent(b.client, "memberLeft")];
    c.client.disconnect();
    for (const [id] of await Promise.all(left)) expect(id).toBe(c.answer.self.id);
  });

  it("relays a signal to a peer on another instance, and never into another room", async () => {
    const a = await member(0, "signals");
    const b = await member(1, "signals");
    const outsider = await member(2, "elsewhere");

    const received = nextEvent(b.client, "signal");
    expect(await signalWithAck(a.client, { to: b.answer.self.id, data: OFFER })).toEqual({
      ok: true,
      data: null,
    });
    expect((await received)[0]).toEqual({ from: a.answer.self.id, data: OFFER });
    const metrics = await (await fetch(`${instances[0]!.url}/metrics`)).text();
    expect(metrics).toMatch(/^nicepiano_signals_total\{path="cluster"\} [1-9]/m);

    // Another instance's member of another room: nobody gets it (the sender's instance
    // refuses it when its directory knows where that member is, the other drops it).
    const stray = nothingWithin(outsider.client, "signal");
    await signalWithAck(a.client, { to: outsider.answer.self.id, data: OFFER });
    await signalWithAck(outsider.client, { to: a.answer.self.id, data: OFFER });
    await stray;
    await nothingWithin(a.client, "signal");
  });

  it("relays peer frames to a member on another instance, only within the room", async () => {
    const a = await member(0, "frames");
    const b = await member(1, "frames");
    const outsider = await member(2, "elsewhere-frames");
    const frame = Uint8Array.of(0, 0, 0, 7, 1, 60, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const received = nextEvent(b.client, "relayed");
    a.client.emit("relay", b.answer.self.id, frame);
    const [from, bytes] = await received;
    expect(from).toBe(a.answer.self.id);
    expect([...new Uint8Array(bytes)]).toEqual([...frame]);

    const stray = expect(nextEvent(outsider.client, "relayed", 500)).rejects.toThrow();
    a.client.emit("relay", outsider.answer.self.id, frame);
    // Nor anything oversized, to anyone.
    const oversized = expect(nextEvent(b.client, "relayed", 500)).rejects.toThrow();
    a.client.emit("relay", b.answer.self.id, new Uint8Array(MAX_FRAME_BYTES + 1));
    await Promise.all([stray, oversized]);
  });

  it("gives every member the round trips of all, whichever instance measured them", async () => {
    const members = [
      await member(0, "latency"),
      await member(1, "latency"),
      await member(2, "latency"),
    ];
    const ids = members.map((m) => m.answer.self.id).sort();
    const tables = members.map(({ client }) => {
      // Its own instance's table rides in the pings; the others' come as `latency`.
      const merged: LatencyTable = {};
      client.on("latencyPing", (table, ack) => (ack(), Object.assign(merged, table)));
      client.on("latency", (table) => Object.assign(merged, table));
      return merged;
    });
    await expect
      .poll(() => tables.map((table) => Object.keys(table).sort()), { timeout: 5000 })
      .toEqual([ids, ids, ids]);
  });

  it("keeps one owner and one set of settings for a room across instances", async () => {
    const owner = await member(0, "settings");
    const other = await member(1, "settings");
    // The member on instance 1 joined after the room was made on 0: same owner.
    expect(other.answer.settings.owner).toBe(owner.answer.self.id);
    expect((await other.client.emitWithAck("control", { type: "lock", locked: true })).ok).toBe(
      false,
    );
    const heard = nextEvent(other.client, "roomSettings");
    const locked = await owner.client.emitWithAck("control", { type: "lock", locked: true });
    expect(locked.ok).toBe(true);
    expect((await heard)[0].locked).toBe(true);
    // A newcomer on the third instance is refused there.
    const stranger = await instances[2]!.connect();
    expect(await stranger.emitWithAck("join", { room: "settings", name: "Eve" })).toMatchObject({
      ok: false,
      error: { code: "room-locked" },
    });
    // The owner removes the member on instance 1: that instance sends it away.
    const told = nextEvent(other.client, "kicked");
    const removed = await owner.client.emitWithAck("control", {
      type: "remove",
      peer: other.answer.self.id,
    });
    expect(removed.ok).toBe(true);
    expect((await told)[0].code).toBe("removed");
  });

  it("announces a playback on every instance, to newcomers too, and stops it from anywhere", async () => {
    const recording = await instances[0]!.server.backend.recordings.save(
      ada.account.id,
      draft("Scale", SCALE),
    );
    const player = await member(0, "concert", ada.token);
    const listener = await member(1, "concert");
    const heard = nextEvent(listener.client, "playbackStarted");
    const answer = await player.client.emitWithAck("play", {
      recordingId: recording.id,
      loop: true,
    });
    if (!answer.ok) throw new Error(answer.error.message);
    expect((await heard)[0]).toEqual(answer.data);

    const newcomer = await member(2, "concert");
    expect(newcomer.answer.playbacks).toEqual([answer.data]);

    const stopped = [player, newcomer].map((m) => nextEvent(m.client, "playbackStopped"));
    expect(await listener.client.emitWithAck("stopPlayback", answer.data.id)).toEqual({
      ok: true,
      data: null,
    });
    for (const [id] of await Promise.all(stopped)) expect(id).toBe(answer.data.id);
    expect((await join(await instances[2]!.connect(), "concert")).playbacks).toEqual([]);
  });

  it("serves its own clients while Redis is away, and joins up again when it returns", async () => {
    await redis.kill();
    await expect
      .poll(async () => (await readiness(instances[0]!)).body, { timeout: 5000 })
      .toEqual({
        ready: true,
        checks: { store: "ok", redis: "unreachable" },
        degraded: ["cluster"],
      });
    // What the operator's NicePianoRedisUnreachable alert reads.
    const clusterGauge = async (instance: TestServer) =>
      (await (await fetch(`${instance.url}/metrics`)).text()).match(
        /^nicepiano_cluster_connected\{kind="redis"\} (\d)$/m,
      )?.[1];
    expect(await clusterGauge(instances[0]!)).toBe("0");

    // Two players on one instance still meet and signal each other.
    const a = await member(0, "outage");
    const b = await member(0, "outage");
    expect(b.answer.members.map((m) => m.id)).toEqual([a.answer.self.id]);
    const received = nextEvent(b.client, "signal");
    await signalWithAck(a.client, { to: b.answer.self.id, data: OFFER });
    expect((await received)[0].from).toBe(a.answer.self.id);

    await redis.start();
    await allReady();
    expect(await clusterGauge(instances[0]!)).toBe("1");
    const c = await member(0, "after-outage");
    const d = await member(1, "after-outage");
    expect(d.answer.members.map((m) => m.id)).toEqual([c.answer.self.id]);
    const across = nextEvent(d.client, "signal");
    await signalWithAck(c.client, { to: d.answer.self.id, data: OFFER });
    expect((await across)[0].from).toBe(c.answer.self.id);
  });
});
