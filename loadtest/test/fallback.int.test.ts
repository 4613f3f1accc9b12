import type { PeerFactory } from "@nicepiano/client/mesh";
import { PeerMessageType, type PlayMessage } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import { createNodePeer } from "../src/nodePeers";
import {
  startVirtualMusician,
  whenConnectedTo,
  type VirtualMusician,
} from "../src/virtualMusician";

/** Real WebRTC peers whose signals never leave: as if no path existed between them. */
const cutOff: PeerFactory = (options) => {
  const peer = createNodePeer(options);
  const on = peer.on.bind(peer);
  peer.on = ((event: string, listener: (...args: unknown[]) => void) =>
    event === "signal" ? peer : on(event, listener)) as typeof peer.on;
  return peer;
};

/** The i-th note of a run, told apart by note number and velocity. */
const nth = (i: number): PlayMessage => ({
  type: PeerMessageType.NoteOn,
  note: i % 128,
  velocity: 1 + (Math.floor(i / 128) % 127),
  t: performance.now(),
});
const indexOf = (message: PlayMessage) =>
  message.type === PeerMessageType.NoteOn ? message.note + 128 * (message.velocity - 1) : -1;

describe("the server as the fallback path", () => {
  let t: TestServer;
  const musicians: VirtualMusician[] = [];
  afterEach(async () => {
    for (const m of musicians.splice(0)) m.close();
    await t.close();
  });
  const start = async (name: string, createPeer?: PeerFactory) => {
    const musician = await startVirtualMusician(
      t.url,
      "fallback",
      name,
      createPeer ? { createPeer } : {},
    );
    musicians.push(musician);
    return musician;
  };
  const heardBy = (m: VirtualMusician) => {
    const heard: number[] = [];
    m.session.events.on("play", ({ message }) => heard.push(indexOf(message)));
    return heard;
  };

  it("carries the notes through the server when no direct path opens", async () => {
    t = await startTestServer();
    const ada = await start("Ada", cutOff);
    const bob = await start("Bob", cutOff);
    const heard = heardBy(bob);
    await expect.poll(() => ada.session.members.size).toBe(1);
    for (let i = 0; i < 50; i++) expect(ada.session.send(nth(i))).toBe(1);
    await expect.poll(() => heard.length).toBe(50);
    expect(heard).toEqual([...Array(50).keys()]);
    expect(ada.session.pathOf(bob.answer.self.id)).toBe("server");
    expect(ada.session.openPeers()).toEqual([]);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/^nicepiano_relayed_notes_total\{path="local"\} 50$/m);
  });

  it("moves to the server when a channel dies and back when it reopens, no note lost or repeated", async () => {
    t = await startTestServer();
    const ada = await start("Ada");
    const bob = await start("Bob");
    await whenConnectedTo(ada, 1);
    const heard = heardBy(bob);
    const bobId = bob.answer.self.id;
    let sent = 0;
    const playing = setInterval(() => ada.session.send(nth(sent++)), 10);

    await new Promise((resolve) => setTimeout(resolve, 300));
    ada.session.connectionOf(bobId)!.destroy();
    await expect.poll(() => ada.session.pathOf(bobId), { interval: 5 }).toBe("server");
    // Started again in the background, and the notes go back to the channel.
    await expect.poll(() => ada.session.pathOf(bobId), { timeout: 10_000 }).toBe("channel");
    await new Promise((resolve) => setTimeout(resolve, 300));
    clearInterval(playing);

    await expect.poll(() => heard.length).toBe(sent);
    expect([...heard].sort((a, b) => a - b)).toEqual([...Array(sent).keys()]);
  });
});

describe("TURN credentials over a long session", () => {
  it("are renewed by the client halfway to their expiry", async () => {
    const t = await startTestServer({
      turn: { secret: "s", urls: ["turn:203.0.113.1:3478"], ttlSeconds: 2 },
    });
    const renewals: number[] = [];
    t.server.io.on("connection", (socket) => {
      socket.on("iceServers", () => renewals.push(Date.now()));
    });
    const musician = await startVirtualMusician(t.url, "long-session", "Ada");
    const joinedAt = Date.now();
    // Lasting 2 s, the credential is renewed after about 1 s, and the new one again.
    await expect.poll(() => renewals.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    expect(renewals[0]! - joinedAt).toBeGreaterThan(500);
    musician.close();
    await t.close();
  });
});
