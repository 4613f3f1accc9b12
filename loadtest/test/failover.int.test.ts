import { PeerMessageType } from "@nicepiano/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHaproxy, type HaproxyProcess } from "../../signaling/test/support/haproxyProcess";
import { startRedisServer, type RedisServer } from "../../signaling/test/support/redisServer";
import { startServerProcess, type ServerProcess } from "../../signaling/test/support/serverProcess";
import {
  startVirtualMusician,
  whenConnectedTo,
  type VirtualMusician,
} from "../src/virtualMusician";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a signaling instance killed mid-jam, behind haproxy", () => {
  let redis: RedisServer;
  let instances: ServerProcess[];
  let haproxy: HaproxyProcess;
  const musicians: VirtualMusician[] = [];

  beforeAll(async () => {
    redis = await startRedisServer();
    instances = await Promise.all([0, 1].map(() => startServerProcess({ REDIS_URL: redis.url })));
    haproxy = await startHaproxy(instances.map((instance) => instance.port));
  }, 60_000);
  afterAll(async () => {
    for (const musician of musicians) musician.close();
    await haproxy?.stop();
    await Promise.all(instances.map((instance) => instance.kill("SIGKILL")));
    await redis?.stop();
  });

  it("keeps notes flowing between connected peers and brings every client back within 5 s", async () => {
    for (const name of ["Ada", "Bob", "Cy", "Dee"]) {
      musicians.push(await startVirtualMusician(haproxy.url, "failover", name, { ca: haproxy.ca }));
    }
    await Promise.all(musicians.map((m) => whenConnectedTo(m, 3)));
    const left: string[] = [];
    const received = musicians.map(() => new Map<string, number>());
    const dropped = new Set<number>();
    const rejoinedAfterMs: number[] = [];
    let killedAt = 0;
    musicians.forEach((m, i) => {
      m.session.events.on("memberLeft", (id) => left.push(id));
      m.session.events.on("play", ({ from }) =>
        received[i]!.set(from, (received[i]!.get(from) ?? 0) + 1),
      );
      m.socket.on("disconnect", () => dropped.add(i));
      m.session.events.on("rejoined", () => rejoinedAfterMs.push(performance.now() - killedAt));
    });

    // Every musician plays a note every 20 ms, before, during and after the kill.
    const sent = musicians.map(() => 0);
    const playing = setInterval(() => {
      musicians.forEach((m, i) => {
        m.session.send({
          type: PeerMessageType.NoteOn,
          note: 60,
          velocity: 64,
          t: performance.now(),
        });
        sent[i]!++;
      });
    }, 20);
    await pause(1000);
    killedAt = performance.now();
    await instances[0]!.kill("SIGKILL");
    await expect
      .poll(() => dropped.size > 0 && rejoinedAfterMs.length === dropped.size, { timeout: 5000 })
      .toBe(true);
    await pause(1000);
    clearInterval(playing);
    await pause(500);

    // Half of the players were on the killed instance, and all of them are back.
    expect(dropped.size).toBeGreaterThan(0);
    expect(Math.max(...rejoinedAfterMs)).toBeLessThan(5000);
    for (const m of musicians) expect(m.session.members.size).toBe(3);
    expect(left).toEqual([]);
    // Not one note lost between peers: each heard every note of every other.
    musicians.forEach((m, i) => {
      for (const [j, other] of musicians.entries()) {
        if (j !== i) expect(received[i]!.get(other.answer.self.id)).toBe(sent[j]);
      }
    });
  }, 30_000);
});
