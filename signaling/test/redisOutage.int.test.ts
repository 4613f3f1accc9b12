import { newPeerKey } from "@nicepiano/protocol";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEmbeddedBackend } from "../src/backend";
import { startHaproxy, type HaproxyProcess } from "./support/haproxyProcess";
import { httpsGet } from "./support/httpsRequest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import { join, type TestClient, type TestServer } from "./support/testServer";

/** How long Redis stays away: longer than any health check, retry or reconnect. */
const OUTAGE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a 30 s Redis outage behind the shipped haproxy, two instances", () => {
  let redis: RedisServer;
  let instances: TestServer[];
  let haproxy: HaproxyProcess;

  /** Whether instance `i` reaches Redis, as its readiness report says. */
  const joinedUp = async (i: number) => {
    const body = (await (await fetch(`${instances[i]!.url}/readyz`)).json()) as {
      checks: { redis: string };
    };
    return body.checks.redis === "ok";
  };
  /** A newcomer through the balancer: loads the page, connects and joins `room`. */
  const newcomer = async (room: string) => {
    const page = await httpsGet(`${haproxy.url}/r/${room}`, haproxy.ca);
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain("<html");
    const client: TestClient = connect(haproxy.url, {
      ca: haproxy.ca,
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      client.once("connect", resolve);
      client.once("connect_error", reject);
    });
    const answer = await join(client, room, "Newcomer");
    client.disconnect();
    return answer;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    const backend = createEmbeddedBackend({ dataDir: null });
    instances = await startTestCluster(2, redis.url, {}, backend);
    haproxy = await startHaproxy(instances.map((instance) => Number(new URL(instance.url).port)));
    await vi.waitFor(async () => expect((await joinedUp(0)) && (await joinedUp(1))).toBe(true));
  });
  afterAll(async () => {
    await haproxy.stop();
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("keeps letting players in, replays nothing stale, and joins up again", async () => {
    await redis.kill();
    const since = Date.now();
    await expect.poll(async () => await joinedUp(0), { timeout: 5000 }).toBe(false);

    // A player moves from one instance to the other while Redis is away: each instance's
    // claim of its member id can reach nobody now, and must not arrive later.
    const key = newPeerKey();
    const first = await instances[0]!.connect();
    await first.emitWithAck("join", { room: "moving", name: "Mo", key });
    first.disconnect();
    const moved = await instances[1]!.connect();
    const rejoined = await moved.emitWithAck("join", { room: "moving", name: "Mo", key });
    expect(rejoined.ok).toBe(true);
    let movedLost = false;
    moved.on("disconnect", () => (movedLost = true));

    // Newcomers load the page and join, through the balancer, all the while.
    for (const at of [5_000, 15_000, OUTAGE_MS - 1_000]) {
      await sleep(Math.max(0, since + at - Date.now()));
      expect((await newcomer(`outage-${at}`)).self.name).toBe("Newcomer");
    }

    await redis.start();
    await expect
      .poll(async () => (await joinedUp(0)) && (await joinedUp(1)), { timeout: 10_000 })
      .toBe(true);
    // Anything queued during the outage would be delivered by now.
    await sleep(1000);
    expect(movedLost).toBe(false);
    expect(moved.connected).toBe(true);

    // Rooms cross instances again.
    const a = await instances[0]!.connect();
    const b = await instances[1]!.connect();
    const ada = await join(a, "after", "Ada");
    const bob = await join(b, "after", "Bob");
    expect(bob.members.map((member) => member.id)).toEqual([ada.self.id]);
  }, 60_000);
});
