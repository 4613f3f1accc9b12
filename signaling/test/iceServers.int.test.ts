import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { join, startTestServer, type TestServer } from "./support/testServer";

const TURN = {
  secret: "never-sent-a-secret-of-32-characters",
  urls: ["turn:203.0.113.10:3478"],
  ttlSeconds: 600,
};

describe("ICE servers handed to clients", () => {
  let t: TestServer;
  afterEach(() => t.close());

  it("are none without TURN: host candidates only, nothing outside contacted", async () => {
    t = await startTestServer();
    const answer = await join(await t.connect(), "no-turn");
    expect(answer.iceServers).toEqual([]);
    expect(answer.iceServersExpireAt).toBeNull();
  });

  it("carry a TURN credential of the member's own, signed with the secret the server keeps", async () => {
    t = await startTestServer({ turn: TURN });
    const client = await t.connect();
    const before = Date.now();
    const answer = await join(client, "turn");
    expect(answer.iceServers).toHaveLength(1);
    const [server] = answer.iceServers;
    expect(server!.urls).toEqual(TURN.urls);
    const [expiry, user] = server!.username!.split(":");
    expect(user).toBe(answer.self.id);
    expect(Number(expiry) * 1000).toBe(answer.iceServersExpireAt);
    expect(answer.iceServersExpireAt).toBeGreaterThanOrEqual(before + 599_000);
    expect(server!.credential).toBe(
      createHmac("sha1", TURN.secret).update(server!.username!).digest("base64"),
    );
    expect(JSON.stringify(answer)).not.toContain(TURN.secret);

    const renewed = await client.emitWithAck("iceServers");
    expect(renewed.ok && renewed.data.iceServers[0]!.username).toMatch(
      new RegExp(`^\\d+:${answer.self.id}$`),
    );
  });

  it("carry no TURN credential for a listener, who opens no peer connection", async () => {
    t = await startTestServer({ turn: TURN });
    const client = await t.connect();
    const answer = await client.emitWithAck("join", { room: "class", name: "L", listen: true });
    expect(answer.ok && answer.data.iceServers).toEqual([]);
    expect(await client.emitWithAck("iceServers")).toMatchObject({
      ok: false,
      error: { code: "listening" },
    });
  });

  it("are refused to a socket outside a room", async () => {
    t = await startTestServer({ turn: TURN });
    const answer = await (await t.connect()).emitWithAck("iceServers");
    expect(!answer.ok && answer.error.code).toBe("not-in-room");
  });
});
