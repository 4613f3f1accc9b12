import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import { startServerProcess } from "./support/serverProcess";
import {
  nextEvent,
  startTestServer,
  type TestClient,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

const OFFER = { type: "offer", sdp: "v=0 directory test" } as const;

/** Bytes no other message carries: a frame is found in Redis's traffic by them. */
const MARKER = Buffer.from("np-directory-marker");
/** Frames sent only to learn that a listener has been heard of. */
const PROBE = Buffer.from("np-directory-probe");

describe("the instances' member directory", () => {
  let redis: RedisServer;
  let instances: TestServer[];
  let published: Buffer[];
  let watcher: ReturnType<typeof createClient>;

  const member = async (i: number, room: string, listen = false) => {
    const client = await instances[i]!.connect();
    const answer = await client.emitWithAck("join", { room, name: `on ${i}`, listen });
    if (!answer.ok) throw new Error(answer.error.code);
    return { client, id: answer.data.self.id };
  };
  /**
   * Waits until `client`'s instance has read the directory, connected: until then, a
   * signal for a member nowhere is sent to every instance and answered "ok".
   */
  const directoryRead = async (client: TestClient) =>
    await expect
      .poll(async () => {
        const answer = await signalWithAck(client, { to: "nobody", data: OFFER });
        return answer.ok ? "ok" : answer.error.code;
      })
      .toBe("unknown-peer");
  /** Resolves with who sent the next marker `client` hears, passing over other frames. */
  const markerFrom = (client: TestClient) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no marker within 3000 ms")), 3000);
      const listener = (from: string, frame: ArrayBuffer | Uint8Array) => {
        if (!MARKER.equals(new Uint8Array(frame))) return;
        clearTimeout(timer);
        client.off("relayed", listener);
        resolve(from);
      };
      client.on("relayed", listener);
    });
  /** How many messages published since the last call carry `text` (or the marker). */
  const carrying = (text: string | Buffer) => {
    const count = published.filter((message) => message.includes(text)).length;
    published.length = 0;
    return count;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    instances = await startTestCluster(2, redis.url);
    published = [];
    watcher = createClient({ url: redis.url });
    await watcher.connect();
    await watcher.pSubscribe("*", (message) => published.push(message), true);
  });
  afterAll(async () => {
    await watcher.close();
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("refuses a signal or a frame for a member nowhere, without telling every instance", async () => {
    const ada = await member(0, "jam");
    const bob = await member(1, "jam");
    // A member on another instance is reached as before.
    const offered = nextEvent(bob.client, "signal");
    const sent = await signalWithAck(ada.client, { to: bob.id, data: OFFER });
    expect(sent.ok).toBe(true);
    expect((await offered)[0].from).toBe(ada.id);
    await directoryRead(ada.client);

    published.length = 0;
    const answer = await signalWithAck(ada.client, { to: "nobody-at-all", data: OFFER });
    expect(answer.ok ? "ok" : answer.error.code).toBe("unknown-peer");
    ada.client.emit("relay", "nobody-at-all", MARKER);
    // A round trip of Ada's own: everything she sent before it has been handled.
    await ada.client.emitWithAck("rename", "Ada");
    expect(carrying("nobody-at-all")).toBe(0);
  });

  it("sends a room's listener feed through Redis only when a listener is elsewhere", async () => {
    const ada = await member(0, "feed");
    await member(1, "feed");
    // Until the directory is read, where listeners are is not known, and the feed goes to all.
    await directoryRead(ada.client);
    published.length = 0;
    ada.client.emit("toListeners", MARKER);
    await ada.client.emitWithAck("rename", "Ada");
    expect(carrying(MARKER)).toBe(0);

    // A listener on the same instance hears it, still without Redis.
    const near = await member(0, "feed", true);
    const heardNear = nextEvent(near.client, "relayed");
    published.length = 0;
    ada.client.emit("toListeners", MARKER);
    expect((await heardNear)[0]).toBe(ada.id);
    expect(carrying(MARKER)).toBe(0);

    // One on the other instance: through Redis, to both.
    const far = await member(1, "feed", true);
    // Ada's instance hears of it through Redis a moment after it joined; until then, her
    // feed stays on her instance.
    await expect
      .poll(async () => {
        const heard = nextEvent(far.client, "relayed", 250).then(
          () => true,
          () => false,
        );
        ada.client.emit("toListeners", PROBE);
        return await heard;
      })
      .toBe(true);
    published.length = 0;
    const both = [near, far].map((listener) => markerFrom(listener.client));
    ada.client.emit("toListeners", MARKER);
    for (const from of await Promise.all(both)) expect(from).toBe(ada.id);
    expect(carrying(MARKER)).toBe(1);
  });

  it("is read by an instance started later, which then finds the others' members", async () => {
    const ada = await member(0, "late");
    instances.push(await startTestServer({ redisUrl: redis.url }));
    const dan = await member(2, "late");
    const reach = async () => {
      // Waited for only when the signal went out.
      const offered = nextEvent(ada.client, "signal").catch(() => undefined);
      const answer = await signalWithAck(dan.client, { to: ada.id, data: OFFER });
      if (!answer.ok) return answer.error.code;
      return (await offered)?.[0].from === dan.id ? "reached" : "not reached";
    };
    // Connected to the others (until then, nobody elsewhere can be reached)…
    await expect.poll(reach).toBe("reached");
    // …and once it has read their lists, it refuses a member nowhere…
    await directoryRead(dan.client);
    // …and still reaches one that joined before it started.
    expect(await reach()).toBe("reached");
  });

  it("answers joins and controls from it while an instance is too slow to say", async () => {
    const ada = await member(0, "slow");
    const bob = await member(1, "slow");
    await directoryRead(ada.client);
    const slow = await startServerProcess({ REDIS_URL: redis.url });
    await expect.poll(async () => (await fetch(`${slow.url}/readyz`)).status).toBe(200);
    process.kill(slow.pid, "SIGSTOP");
    try {
      // Every instance is asked for the room's sockets; the stopped one never answers.
      const cy = await instances[0]!.connect();
      const answer = await cy.emitWithAck("join", { room: "slow", name: "Cy" });
      if (!answer.ok) throw new Error(answer.error.code);
      expect(answer.data.members.map((m) => m.id).sort()).toEqual([ada.id, bob.id].sort());
      const locked = await ada.client.emitWithAck("control", { type: "lock", locked: true });
      expect(locked.ok ? locked.data.locked : locked.error.code).toBe(true);
    } finally {
      process.kill(slow.pid, "SIGCONT");
      await slow.kill();
    }
  }, 20_000);
});
