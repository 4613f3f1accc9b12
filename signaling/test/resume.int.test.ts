import { newPeerKey, peerIdOf, type JoinAnswer } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
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

const noMemberJoined = (client: TestClient, ms: number) =>
  expect(nextEvent(client, "memberJoined", ms)).rejects.toThrow("no memberJoined");

/**
 * Lets more than a second pass: one who entered a room within a second of a member's
 * going away is told of its return anyway (instances' clocks may differ that much).
 */
const aSecondLater = () => new Promise((resolve) => setTimeout(resolve, 1100));

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
    await aSecondLater();

    const firstDropped = disconnected(first);
    // The room knows the member as it is: neither a departure nor an arrival to tell.
    const quiet = [noMemberLeft(other, 700), noMemberJoined(other, 700)];
    const again = await joinAs(await t.connect(), "resume", key);
    expect(again.self).toEqual(answer.self);
    await firstDropped;
    await Promise.all(quiet);
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
    await aSecondLater();

    const quiet = noMemberLeft(other, 700);
    first.io.engine.close(); // the network drops: the server sees "transport close"
    await quiet;
    const notAgain = noMemberJoined(other, 700);
    const back = await joinAs(await t.connect(), "blip", key);
    // Its arrival kept (who runs the room, who calls whom), and nothing to tell the room.
    expect(back.self).toEqual(self);
    await notAgain;
    await noMemberLeft(other, 2500);
  });

  it("announces a returning member to those who came while it was away only, and a changed one to all", async () => {
    t = await startTestServer({ resumeGraceMs: 10_000 });
    const key = newPeerKey();
    const [first, other] = [await t.connect(), await t.connect()];
    const { self } = await joinAs(first, "while-away", key);
    await join(other, "while-away", "Bob");
    await aSecondLater();
    first.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const newcomer = await t.connect();
    const cy = await newcomer.emitWithAck("join", {
      room: "while-away",
      name: "Cy",
      color: "#911eb4",
    });
    expect(cy.ok && cy.data.members.map((member) => member.id)).not.toContain(self.id);

    // Back as it was (its colour asked for, as the page does): the newcomer is told, the
    // one who knew it is not.
    const told = nextEvent(newcomer, "memberJoined");
    const knew = noMemberJoined(other, 500);
    const second = await t.connect();
    const again = await second.emitWithAck("join", {
      room: "while-away",
      name: "Ada",
      key,
      color: self.color,
    });
    expect(again.ok && again.data.self).toEqual(self);
    expect((await told)[0]).toEqual(self);
    await knew;

    // Back under another name: everyone hears of the change, the arrival still kept.
    second.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const renamed = nextEvent(other, "memberJoined");
    const answer = await (
      await t.connect()
    ).emitWithAck("join", { room: "while-away", name: "Ada L.", key, color: self.color });
    expect(answer.ok && answer.data.self).toEqual({ ...self, name: "Ada L." });
    expect((await renamed)[0]).toEqual({ ...self, name: "Ada L." });
  });

  it("closes the connection of a member whose pings go unanswered, as lost: its place kept a while", async () => {
    t = await startTestServer({ pingIntervalMs: 100, pingTimeoutMs: 300, resumeGraceMs: 800 });
    // Its pings unanswered: as a client whose network went away without a word.
    const silent = await t.connect(undefined, { reconnection: false });
    silent.off("clockPing").off("latencyPing");
    const { self } = await (async () => {
      const answer = await silent.emitWithAck("join", {
        room: "silent",
        name: "Ada",
        key: newPeerKey(),
        clockInPings: true,
      });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.data;
    })();
    const other = await t.connect();
    await join(other, "silent", "Bob");

    const closed = new Promise((resolve) => silent.once("disconnect", resolve));
    const quiet = noMemberLeft(other, 500);
    expect(await closed).toBe("transport close");
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^nicepiano_unanswered_pings_total 1$/m);
    await quiet; // away for a moment: the room waits
    expect((await nextEvent(other, "memberLeft", 2000))[0]).toBe(self.id);
    expect(other.connected).toBe(true); // one that answers is kept
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
    instances = await startTestCluster(2, redis.url, { resumeGraceMs });
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

  it("keeps a member that lost its connection as the room knows it, back on another instance", async () => {
    await startCluster(10_000);
    const key = newPeerKey();
    const first = await instances[0]!.connect();
    const { self } = await joinAs(first, "blip", key);
    const staying = await instances[1]!.connect();
    await join(staying, "blip", "Bob");
    await aSecondLater();

    const quiet = [noMemberLeft(staying, 1000), noMemberJoined(staying, 1000)];
    first.io.engine.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const back = await instances[1]!
      .connect()
      .then((socket) =>
        socket.emitWithAck("join", { room: "blip", name: "Ada", key, color: self.color }),
      );
    expect(back.ok && back.data.self).toEqual(self);
    await Promise.all(quiet);
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
