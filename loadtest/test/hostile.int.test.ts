import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { PeerMessageType, type PeerId } from "@nicepiano/protocol";
import { RemotePlayers } from "@nicepiano/client/room";
import { afterEach, describe, expect, it } from "vitest";
import { SharedPiano } from "../../client/src/audio/sharedPiano";
import type { PianoOutput } from "../../client/src/audio/pianoOutput";
import { join, startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import { runHostilePeer } from "../src/hostile/hostilePeer";
import { runHostileSocket, type FuzzTally } from "../src/hostile/hostileSocket";
import { Junk } from "../src/hostile/junk";
import {
  startVirtualMusician,
  whenConnectedTo,
  type VirtualMusician,
} from "../src/virtualMusician";

// The test measures the heap after a full collection: V8 lets a running process ask.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

const SILENT: PianoOutput = { keyDown() {}, keyUp() {}, pedalDown() {}, pedalUp() {} };
const HOSTILE_SOCKETS = 5;
/** Junk events the server must have received from the hostile sockets. */
const JUNK_EVENTS = 10_000;

describe("an honest room under hostile clients and a hostile peer", () => {
  let t: TestServer;
  const musicians: VirtualMusician[] = [];
  afterEach(async () => {
    for (const musician of musicians.splice(0)) musician.close();
    await t.close();
  });

  it("keeps playing through 10,000 junk events and a junk-sending peer (no note twice, 98 % or more heard); memory comes back", async () => {
    t = await startTestServer();
    const start = async (name: string) => {
      const musician = await startVirtualMusician(t.url, "honest", name);
      musicians.push(musician);
      return musician;
    };
    const ada = await start("Ada");
    const bob = await start("Bob");
    const mallory = await start("Mallory");
    await Promise.all([ada, bob, mallory].map((musician) => whenConnectedTo(musician, 2)));
    const id = (musician: VirtualMusician): PeerId => musician.answer.self.id;

    // Bob listens as the web app does; he counts what Ada plays.
    const remote = new RemotePlayers(bob.session, new SharedPiano(SILENT));
    let heardFromAda = 0;
    bob.session.events.on("play", ({ from }) => {
      if (from === id(ada)) heardFromAda++;
    });
    // What the server itself received from the hostile addresses (not from the honest room).
    let receivedJunk = 0;
    t.server.io.on("connection", (socket) => {
      if (socket.handshake.address.endsWith("127.0.0.1")) return;
      socket.conn.on("packet", ({ type }) => {
        if (type === "message") receivedJunk++;
      });
    });
    const baseline = heapAfterGc();

    let sentByAda = 0;
    const playing = setInterval(() => {
      const type = sentByAda % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff;
      ada.session.send({ type, note: 60 + (sentByAda % 12), velocity: 80, t: performance.now() });
      sentByAda++;
    }, 10);

    const targets = { url: t.url, rooms: ["honest", "other"], peers: [ada, bob].map(id) };
    const [peerSent, ...tallies] = await Promise.all([
      runHostilePeer(mallory, new Junk(99), (sent) => sent < 2000),
      ...Array.from({ length: HOSTILE_SOCKETS }, (_, i) =>
        runHostileSocket(
          targets,
          new Junk(i + 1),
          () => receivedJunk < JUNK_EVENTS,
          `127.0.0.${i + 2}`,
        ),
      ),
    ]);
    // Ada plays on a little after the last junk, and then stops.
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(playing);

    // Ada's notes reached Bob, none twice. Her channel does not retransmit (the loss-proof
    // transport): with this machine flooded, one now and then is lost outright or comes
    // too late to play; the redundancy brings all but a very few.
    await expect
      .poll(() => heardFromAda, { timeout: 5000 })
      .toBeGreaterThanOrEqual(Math.ceil(0.98 * sentByAda));
    expect(heardFromAda).toBeLessThanOrEqual(sentByAda);
    expect(sentByAda).toBeGreaterThan(40);
    // Mallory flooded notes: Bob muted her, not Ada.
    expect(remote.isMuted(id(ada))).toBe(false);
    expect(peerSent).toBeGreaterThanOrEqual(2000);

    const total = (key: keyof FuzzTally) =>
      tallies.reduce((sum, tally) => sum + (tally[key] as number), 0);
    const answers = (code: string) =>
      tallies.reduce((sum, tally) => sum + (tally.answers[code] ?? 0), 0);
    // Sent, less those on their way when the server closed a connection.
    expect(receivedJunk).toBeGreaterThanOrEqual(JUNK_EVENTS);
    expect(total("sent")).toBeGreaterThanOrEqual(receivedJunk);
    expect(answers("invalid-payload")).toBeGreaterThan(0);
    expect(answers("rate-limited")).toBeGreaterThan(0);
    expect(total("kicked")).toBeGreaterThan(0);

    // The server still serves a newcomer, and the honest room is as it was.
    const newcomer = await t.connect();
    expect((await join(newcomer, "after", "Cy")).members).toEqual([]);
    expect(ada.session.openPeers()).toContain(id(bob));
    remote.destroy();

    // With the hostile clients gone, the heap is back near where it was.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const grownMb = (heapAfterGc() - baseline) / 2 ** 20;
    expect(grownMb, `heap grew ${grownMb.toFixed(1)} MB`).toBeLessThan(8);
  }, 120_000);
});
