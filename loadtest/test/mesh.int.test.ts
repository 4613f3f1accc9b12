import { PeerMessageType, type PlayMessage } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "../../signaling/test/support/redisServer";
import { startTestCluster } from "../../signaling/test/support/testCluster";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import {
  startVirtualMusician,
  whenConnectedTo,
  type VirtualMusician,
} from "../src/virtualMusician";

describe("peer mesh over real WebRTC (Node, @roamhq/wrtc)", () => {
  let t: TestServer;
  const musicians: VirtualMusician[] = [];
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(async () => {
    for (const musician of musicians.splice(0)) musician.close();
    await t.close();
  });

  const start = async (room: string, name: string) => {
    const musician = await startVirtualMusician(t.url, room, name);
    musicians.push(musician);
    return musician;
  };

  it("three peers in a room exchange notes and pedal; a peer in another room gets none", async () => {
    const ada = await start("jam", "Ada");
    const bob = await start("jam", "Bob");
    const cy = await start("jam", "Cy");
    const outsider = await start("elsewhere", "Eve");
    await Promise.all([ada, bob, cy].map((m) => whenConnectedTo(m, 2)));

    const received = new Map<string, { from: string; message: PlayMessage }[]>();
    for (const m of [ada, bob, cy, outsider]) {
      const log: { from: string; message: PlayMessage }[] = [];
      received.set(m.answer.self.name, log);
      m.session.events.on("play", (event) => log.push(event));
    }

    const note = (musician: VirtualMusician, n: number): PlayMessage => ({
      type: PeerMessageType.NoteOn,
      note: n,
      velocity: 90,
      t: musician.session.clock.now(),
    });
    expect(ada.session.send(note(ada, 60))).toBe(2);
    expect(bob.session.send(note(bob, 64))).toBe(2);
    expect(cy.session.send({ type: PeerMessageType.Pedal, down: true, t: performance.now() })).toBe(
      2,
    );

    await expect.poll(() => [...received.values()].map((log) => log.length)).toEqual([2, 2, 2, 0]);
    const fromOf = (name: string) =>
      received
        .get(name)!
        .map((event) => event.from)
        .sort();
    expect(fromOf("Ada")).toEqual([bob.answer.self.id, cy.answer.self.id].sort());
    expect(received.get("Bob")!.find((e) => e.from === ada.answer.self.id)?.message).toMatchObject({
      type: PeerMessageType.NoteOn,
      note: 60,
      velocity: 90,
    });
    expect(received.get("Ada")!.find((e) => e.from === cy.answer.self.id)?.message).toMatchObject({
      type: PeerMessageType.Pedal,
      down: true,
    });
    expect(outsider.session.openPeers()).toEqual([]);
  });

  it("measures the peer-to-peer round trip over the data channel", async () => {
    const ada = await start("jam", "Ada");
    const bob = await start("jam", "Bob");
    await whenConnectedTo(ada, 1);
    const rtt = await new Promise<number>((resolve) =>
      ada.session.events.on("peerRtt", ({ rttMs }) => resolve(rttMs)),
    );
    expect(rtt).toBeGreaterThan(0);
    expect(rtt).toBeLessThan(500);
    expect(bob.session.openPeers()).toEqual([ada.answer.self.id]);
  });

  it("closes the channel and tells the others when a member disconnects", async () => {
    const ada = await start("jam", "Ada");
    const bob = await start("jam", "Bob");
    await whenConnectedTo(ada, 1);
    const left = new Promise<string>((resolve) => ada.session.events.on("memberLeft", resolve));
    const bobId = bob.answer.self.id;
    bob.close();
    expect(await left).toBe(bobId);
    expect(ada.session.openPeers()).toEqual([]);
    expect(ada.session.members.size).toBe(0);
  });
});

describe("a mesh across three signaling instances joined by Redis", () => {
  let redis: RedisServer;
  let instances: TestServer[];
  const musicians: VirtualMusician[] = [];
  beforeEach(async () => {
    redis = await startRedisServer();
    instances = await startTestCluster(3, redis.url);
  });
  afterEach(async () => {
    for (const musician of musicians.splice(0)) musician.close();
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("connects peers of different instances, who then exchange notes", async () => {
    for (const [i, name] of ["Ada", "Bob", "Cy"].entries()) {
      musicians.push(await startVirtualMusician(instances[i]!.url, "cluster-jam", name));
    }
    await Promise.all(musicians.map((m) => whenConnectedTo(m, 2)));
    const heard = musicians.map((m) => {
      const log: string[] = [];
      m.session.events.on("play", ({ from }) => log.push(from));
      return log;
    });
    for (const [i, m] of musicians.entries()) {
      expect(
        m.session.send({
          type: PeerMessageType.NoteOn,
          note: 60 + i,
          velocity: 80,
          t: performance.now(),
        }),
      ).toBe(2);
    }
    await expect.poll(() => heard.map((log) => log.length)).toEqual([2, 2, 2]);
    const ids = musicians.map((m) => m.answer.self.id);
    expect(heard.map((log) => log.sort())).toEqual(
      ids.map((_, i) => ids.filter((_, j) => j !== i).sort()),
    );
  });
});
