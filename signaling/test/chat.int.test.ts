import { LIMITS, type RoomControl } from "@nicepiano/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import {
  emitRaw,
  join,
  nextEvent,
  startTestServer,
  type TestClient,
  type TestServer,
} from "./support/testServer";

const say = (client: TestClient, text: string) => client.emitWithAck("chat", text);
const control = (client: TestClient, request: RoomControl) =>
  client.emitWithAck("control", request);

describe("chat on one server", () => {
  let t: TestServer;
  afterEach(() => t.close());

  it("sends a message to the whole room, stamped by the server, and keeps the latest for newcomers", async () => {
    t = await startTestServer({ rateLimitExempt: ["127.0.0.1"] });
    const ada = await t.connect();
    const adaJoin = await join(ada, "talk", "Ada");
    expect(adaJoin.chat).toEqual([]);
    const bob = await t.connect();
    await join(bob, "talk", "Bob");
    const elsewhere = await t.connect();
    await join(elsewhere, "other", "Eve");

    const heard = nextEvent(bob, "chat");
    const sent = await say(ada, "  hello <b>all</b>  ");
    expect(sent).toMatchObject({ ok: true, data: { text: "hello <b>all</b>", name: "Ada" } });
    const [message] = await heard;
    expect(message).toEqual(sent.ok && sent.data);
    expect(message).toMatchObject({ from: adaJoin.self.id, color: adaJoin.self.color });
    await expect(nextEvent(elsewhere, "chat", 300)).rejects.toThrow("no chat");

    // A chat's rate allows a few lines a socket at once: enough sockets for the history.
    for (let i = 0; i < LIMITS.chatKept + 2; i += 4) {
      const writer = await t.connect();
      await join(writer, "talk", `Writer ${i}`);
      for (let j = i; j < Math.min(i + 4, LIMITS.chatKept + 2); j++) {
        expect((await say(writer, `line ${j}`)).ok).toBe(true);
      }
    }
    const carl = await t.connect();
    const { chat } = await join(carl, "talk", "Carl");
    expect(chat).toHaveLength(LIMITS.chatKept);
    expect(chat.at(-1)!.text).toBe(`line ${LIMITS.chatKept + 1}`);
  }, 20_000);

  it("refuses what is not a line of visible text, or too long, and changes nothing", async () => {
    t = await startTestServer({ rateLimitExempt: ["127.0.0.1"] });
    const ada = await t.connect();
    const outside = await say(ada, "not in a room yet");
    expect(outside).toMatchObject({ ok: false, error: { code: "not-in-room" } });
    await join(ada, "rules", "Ada");
    const bad = [
      "",
      "   ",
      "x".repeat(LIMITS.chatMessageLength + 1),
      "two\nlines",
      "bidi \u202e trick",
      "zero\u200bwidth",
      42,
      { text: "hi" },
      null,
    ];
    for (const junk of bad) {
      // Each from a socket of its own: junk counts against a socket's chat rate too.
      const sender = await t.connect();
      await join(sender, "rules", "Junk");
      expect(await emitRaw(sender, "chat", junk)).toMatchObject({
        ok: false,
        error: { code: "invalid-payload" },
      });
    }
    expect((await say(ada, "x".repeat(LIMITS.chatMessageLength))).ok).toBe(true);
    const bob = await t.connect();
    expect((await join(bob, "rules", "Bob")).chat).toHaveLength(1);
  });

  it("holds the owner's chat-off and a muted member on the server, whatever a page sends", async () => {
    t = await startTestServer();
    const ada = await t.connect();
    await join(ada, "class", "Ada");
    const bob = await t.connect();
    const bobJoin = await join(bob, "class", "Bob");

    expect(await control(bob, { type: "chat", on: false })).toMatchObject({
      ok: false,
      error: { code: "not-owner" },
    });
    const settings = nextEvent(bob, "roomSettings");
    expect(await control(ada, { type: "chat", on: false })).toMatchObject({
      ok: true,
      data: { chatOff: true },
    });
    expect((await settings)[0].chatOff).toBe(true);
    expect(await say(bob, "can I?")).toMatchObject({ ok: false, error: { code: "chat-off" } });
    expect(await say(ada, "me neither")).toMatchObject({ ok: false, error: { code: "chat-off" } });
    await control(ada, { type: "chat", on: true });

    await control(ada, { type: "chatMute", peer: bobJoin.self.id, muted: true });
    expect(await say(bob, "hello?")).toMatchObject({ ok: false, error: { code: "chat-muted" } });
    expect((await say(ada, "Bob is muted")).ok).toBe(true);
    expect(await control(ada, { type: "chatMute", peer: "nobody", muted: true })).toMatchObject({
      ok: false,
      error: { code: "unknown-peer" },
    });
    await control(ada, { type: "chatMute", peer: bobJoin.self.id, muted: false });
    expect((await say(bob, "thanks")).ok).toBe(true);
  });

  it("cuts a flood short: a few lines at once, then rate-limited", async () => {
    t = await startTestServer();
    const ada = await t.connect();
    await join(ada, "flood", "Ada");
    const bob = await t.connect();
    await join(bob, "flood", "Bob");
    let heard = 0;
    bob.on("chat", () => heard++);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => say(ada, `spam ${i}`)));
    const taken = answers.filter((answer) => answer.ok).length;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThanOrEqual(6);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toBe(taken);
    // Bob, who did not flood, still writes.
    expect((await say(bob, "calm")).ok).toBe(true);
  });
});

describe("chat across two instances joined by Redis", () => {
  let redis: RedisServer;
  let instances: TestServer[];
  beforeAll(async () => {
    redis = await startRedisServer();
    instances = await startTestCluster(2, redis.url);
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("reaches members on the other instance, and a newcomer there reads the history", async () => {
    const ada = await instances[0]!.connect();
    await join(ada, "spread", "Ada");
    const bob = await instances[1]!.connect();
    await join(bob, "spread", "Bob");
    const heard = nextEvent(bob, "chat");
    await say(ada, "from instance 0");
    expect((await heard)[0].text).toBe("from instance 0");
    const carl = await instances[1]!.connect();
    const { chat } = await join(carl, "spread", "Carl");
    expect(chat.map((message) => message.text)).toEqual(["from instance 0"]);
  });
});
