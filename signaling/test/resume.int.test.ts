import { newPeerKey, peerIdOf, type JoinAnswer } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import {
  join,
  nextEvent,
  startTestServer,
  type TestClient,
  type TestServer,
} from "./support/testServer";

/** Joins with a key, as the web app does: the member id comes from the key. */
async function joinAs(client: TestClient, room: string, key: string): Promise<JoinAnswer> {
  const answer = await client.emitWithAck("join", { room, name: "Ada", key });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

const disconnected = (client: TestClient) =>
  new Promise((resolve) => client.once("disconnect", resolve));

const noMemberLeft = (client: TestClient, ms: number) =>
  expect(nextEvent(client, "memberLeft", ms)).rejects.toThrow("no memberLeft");

describe("a member keeps its id across reconnects (one instance)", () => {
  let t: TestServer;
  afterEach(() => t.close());

  it("derives the id from the key, and lets a new socket with the key take over quietly", async () => {
    t = await startTestServer();
    const key = newPeerKey();
    const [first, other] = [await t.connect(), await t.connect()];
    const answer = await joinAs(first, "resume", key);
    expect(answer.self.id).toBe(await peerIdOf(key));
    expect(answer.self.id).not.toBe(first.id);
    await join(other, "resume", "Bob");

    const firstDropped = disconnected(first);
    const announced = nextEvent(other, "memberJoined");
    const quiet = noMemberLeft(other, 700);
    const again = await joinAs(await t.connect(), "resume", key);
    expect(again.self.id).toBe(answer.self.id);
    expect((await announced)[0].id).toBe(answer.self.id);
    await firstDropped;
    await quiet;
  });

  it("tells the old room at once when a member whose connection was lost comes back elsewhere", async () => {
    t = await startTestServer({ resumeGraceMs: 60_000 });
    const key = newPeerKey();
    const [first, other] = [await t.connect(), await t.connect()];
    const { self } = await joinAs(first, "before", key);
    await join(other, "before", "Bob");
    const quiet = noMemberLeft(other, 500);
    first.io.engine.close();
    await quiet;
    const left = nextEvent(other, "memberLeft", 2000);
    await joinAs(await t.connect(), "after", key);
    expect(await left).toEqual([self.id]);
  });

  it("keeps the place of a member whose connection was lost, for it to come back", async () => {
    t = await startTestServer({ resumeGraceMs: 2000 });
    const key = newPeerKey();
    const [first, other] = [await t.connect(), await t.connect()];
    const { self } = await joinAs(first, "blip", key);
    await join(other, "blip", "Bob");

    const quiet = noMemberLeft(other, 700);
    first.io.engine.close(); // the network drops: the server sees "transport close"
    await quiet;
    const announced = nextEvent(other, "memberJoined");
    await joinAs(await t.connect(), "blip", key);
    expect((await announced)[0].id).toBe(self.id);
    await noMemberLeft(other, 2500);
  });

  it("says a member whose connection was lost left when it does not come back in time", async () => {
    t = await startTestServer({ resumeGraceMs: 300 });
    const [first, other] = [await t.connect(), await t.connect()];
    const { self } = await joinAs(first, "gone", newPeerKey());
    await join(other, "gone", "Bob");
    const left = nextEvent(other, "memberLeft", 3000);
    first.io.engine.close();
    expect((await left)[0]).toBe(self.id);
  });

  it("says at once that a member who disconnected on purpose left", async () => {
    t = await startTestServer({ resumeGraceMs: 60_000 });
    const [first, other] = [await t.connect(), await t.connect()];
    const { self } = await joinAs(first, "bye", newPeerKey());
    await join(other, "bye", "Bob");
    const left = nextEvent(other, "memberLeft", 1000);
    first.disconnect();
    expect((await left)[0]).toBe(self.id);
  });

  it("keeps a returning member's colour when it asks for it and nobody wears it", async () => {
    t = await startTestServer();
    const first = await joinAs(await t.connect(), "colours", newPeerKey());
    const second = await (
      await t.connect()
    ).emitWithAck("join", {
      room: "colours",
      name: "Bob",
      key: newPeerKey(),
      color: "#911eb4",
    });
    expect(second.ok && second.data.self.color).toBe("#911eb4");
    const taken = await (
      await t.connect()
    ).emitWithAck("join", {
      room: "colours",
      name: "Cy",
      color: first.self.color,
    });
    expect(taken.ok && taken.data.self.color).not.toBe(first.self.color);
  });

  it.each([["short"], ["has spaces in it and is long enough"], ["x".repeat(65)]])(
    "refuses a malformed key (%s)",
    async (key) => {
      t = await startTestServer();
      const answer = await (await t.connect()).emitWithAck("join", { room: "r", name: "A", key });
      expect(answer.ok).toBe(false);
      expect(!answer.ok && answer.error.code).toBe("invalid-payload");
    },
  );
});

describe("a member keeps its id across instances (Redis)", () => {
  let redis: RedisServer;
  let instances: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    instances = [];
    await redis.stop();
  });
  const startCluster = async (resumeGraceMs: number) => {
    redis = await startRedisServer();
    instances = await Promise.all(
      [0, 1].map(() => startTestServer({ redisUrl: redis.url, resumeGraceMs })),
    );
  };

  it("moves a member to another instance without the room seeing it leave", async () => {
    await startCluster(10_000);
    const key = newPeerKey();
    const moving = await instances[0]!.connect();
    const id = (await joinAs(moving, "move", key)).self.id;
    const staying = await instances[1]!.connect();
    await join(staying, "move", "Bob");

    const dropped = disconnected(moving);
    const quiet = noMemberLeft(staying, 700);
    const moved = await joinAs(await instances[1]!.connect(), "move", key);
    expect(moved.self.id).toBe(id);
    await dropped;
    await quiet;
  });

  it("waits for the members of a stopped instance, then says who did not come back", async () => {
    await startCluster(600);
    const returning = newPeerKey();
    const gone = newPeerKey();
    const stayer = await instances[1]!.connect();
    await join(stayer, "restart", "Bob");
    for (const key of [returning, gone])
      await joinAs(await instances[0]!.connect(), "restart", key);
    const left: string[] = [];
    stayer.on("memberLeft", (id) => left.push(id));

    await instances[0]!.close();
    // The returning member reconnects (here: to the other instance) within the grace period.
    await joinAs(await instances[1]!.connect(), "restart", returning);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(left).toEqual([await peerIdOf(gone)]);
  });
});
