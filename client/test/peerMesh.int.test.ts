import {
  encodeNoteFrame,
  encodePingFrame,
  PeerFrameType,
  PeerMessageType,
  type PlayMessage,
  type SignalData,
} from "@nicepiano/protocol";
import wrtc from "@roamhq/wrtc";
import SimplePeer from "simple-peer";
import { afterEach, describe, expect, it } from "vitest";
import { PeerMesh, type MeshEvents } from "../src/mesh/peerMesh";
import type { PeerFactory } from "../src/mesh/peerFactory";

/** A frame of one event, numbered `seq`. */
const frameOf = (seq: number, message: PlayMessage) =>
  encodeNoteFrame({ events: [{ seq, message }] });

const createPeer: PeerFactory = (options) => new SimplePeer({ ...options, wrtc });

/** A PeerMesh facing a bare simple-peer that sends whatever a hostile peer would. */
function meshAndRawPeer() {
  const raw = new SimplePeer({ initiator: true, wrtc, config: { iceServers: [] } });
  const mesh = new PeerMesh({
    createPeer,
    iceServers: () => [],
    sendSignal: (_to, data) => raw.signal(data as SimplePeer.SignalData),
  });
  raw.on("signal", (data: SignalData) => mesh.signal("hostile", data));
  const opened = new Promise<void>((resolve) => raw.on("connect", resolve));
  return { raw, mesh, opened };
}

describe("PeerMesh over real WebRTC", () => {
  const cleanup: (() => void)[] = [];
  afterEach(() => cleanup.splice(0).forEach((fn) => fn()));
  /** A mesh facing a raw peer, both destroyed after the test. */
  const connected = () => {
    const pair = meshAndRawPeer();
    cleanup.push(() => {
      pair.raw.destroy();
      pair.mesh.destroy();
    });
    return pair;
  };

  it("drops malformed bytes, counts them, and keeps the channel for valid ones", async () => {
    const { raw, mesh, opened } = connected();
    await opened;
    const invalid: MeshEvents["invalid"][] = [];
    const plays: MeshEvents["play"][] = [];
    mesh.events.on("invalid", (event) => invalid.push(event));
    mesh.events.on("play", (event) => plays.push(event));

    const note = frameOf(2, { type: PeerMessageType.NoteOn, note: 61, velocity: 70, t: 5 });
    raw.send(new Uint8Array([2, 1, 200, 200]));
    raw.send("not bytes at all");
    raw.send(new Uint8Array(5000));
    // A note off the MIDI range (200), in a frame that is otherwise fine.
    raw.send(frameOf(1, { type: PeerMessageType.NoteOn, note: 200, velocity: 70, t: 5 }));
    raw.send(note);
    // The same number again (as after a switch of paths) is taken once.
    raw.send(note);

    await expect.poll(() => plays.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(plays).toHaveLength(1);
    expect(invalid).toHaveLength(4);
    expect(mesh.invalidMessages).toBe(4);
    expect(plays[0]).toEqual({
      from: "hostile",
      message: { type: PeerMessageType.NoteOn, note: 61, velocity: 70, t: 5 },
    });
    expect(mesh.stateOf("hostile")).toBe("open");
  });

  it("answers pings, and a signal other than an offer from a stranger creates nothing", async () => {
    const { raw, mesh, opened } = connected();
    mesh.signal("stranger", { type: "candidate", candidate: { candidate: "" } });
    expect(mesh.stateOf("stranger")).toBeUndefined();
    await opened;
    const received: Uint8Array[] = [];
    raw.on("data", (bytes: Uint8Array) => received.push(new Uint8Array(bytes)));
    raw.send(encodePingFrame({ type: PeerFrameType.Ping, id: 77, t: 123.5 }));
    const pong = encodePingFrame({ type: PeerFrameType.Pong, id: 77, t: 123.5 }).join();
    await expect.poll(() => received.some((bytes) => bytes.join() === pong)).toBe(true);
  });

  it("is safe to destroy twice and releases every connection", async () => {
    const { raw, mesh, opened } = meshAndRawPeer();
    cleanup.push(() => {
      raw.destroy();
    });
    await opened;
    const closed = new Promise<void>((resolve) => raw.on("close", resolve));
    mesh.destroy();
    mesh.destroy();
    await closed;
    expect(mesh.openPeers()).toEqual([]);
    const pedal = frameOf(0, { type: PeerMessageType.Pedal, down: false, t: 0 });
    expect(mesh.sendFrame(pedal, true)).toBe(0);
  });
});
