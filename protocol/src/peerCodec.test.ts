import { describe, expect, it } from "vitest";
import {
  decodePeerMessage,
  encodePeerMessage,
  PEER_PROTOCOL_VERSION,
  PeerMessageType,
  type PeerMessage,
} from "./peerCodec";

const samples: PeerMessage[] = [
  { type: PeerMessageType.NoteOn, note: 60, velocity: 100, t: 1_764_000_000_123.25 },
  { type: PeerMessageType.NoteOn, note: 127, velocity: 1, t: 0 },
  { type: PeerMessageType.NoteOff, note: 21, velocity: 0, t: 42.5 },
  { type: PeerMessageType.NoteOff, note: 0, velocity: 127, t: -1 },
  { type: PeerMessageType.Pedal, down: true, t: 9 },
  { type: PeerMessageType.Pedal, down: false, t: 10 },
  { type: PeerMessageType.Ping, id: 0, t: 1.5 },
  { type: PeerMessageType.Pong, id: 0xffff_ffff, t: 2.5 },
];

describe("peer codec", () => {
  it.each(samples)("round-trips %o", (message) => {
    expect(decodePeerMessage(encodePeerMessage(message))).toEqual(message);
  });

  it("keeps note messages at 12 bytes, a tenth of their JSON", () => {
    const message = samples[0]!;
    expect(encodePeerMessage(message)).toHaveLength(12);
    expect(JSON.stringify(message).length).toBeGreaterThan(50);
  });

  it("decodes from a view into a larger buffer (as data channels deliver)", () => {
    const inner = encodePeerMessage(samples[0]!);
    const outer = new Uint8Array(inner.length + 5);
    outer.set(inner, 3);
    expect(decodePeerMessage(outer.subarray(3, 3 + inner.length))).toEqual(samples[0]);
  });

  const valid = encodePeerMessage(samples[0]!);
  const withByte = (index: number, value: number) => {
    const copy = valid.slice();
    copy[index] = value;
    return copy;
  };
  const nanTime = valid.slice();
  new DataView(nanTime.buffer).setFloat64(4, Number.NaN, true);
  const badPedal = encodePeerMessage({ type: PeerMessageType.Pedal, down: true, t: 1 });
  badPedal[2] = 2;

  it.each([
    ["empty", new Uint8Array(0)],
    ["only a version", new Uint8Array([PEER_PROTOCOL_VERSION])],
    ["another version", withByte(0, 2)],
    ["unknown type", withByte(1, 99)],
    ["note above 127", withByte(2, 128)],
    ["velocity above 127", withByte(3, 200)],
    ["note-on with velocity 0", withByte(3, 0)],
    ["truncated", valid.subarray(0, 11)],
    ["trailing bytes", new Uint8Array([...valid, 0])],
    ["NaN time", nanTime],
    ["pedal value 2", badPedal],
    ["text", new TextEncoder().encode('{"type":"noteOn","note":60}')],
  ])("rejects %s", (_label, bytes) => {
    expect(decodePeerMessage(bytes)).toBeNull();
  });

  it("never throws on random bytes", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 20) }, () => random() * 256);
      if (bytes.length > 1 && random() < 0.5) bytes[0] = PEER_PROTOCOL_VERSION;
      const decoded = decodePeerMessage(bytes);
      if (decoded) expect(decodePeerMessage(encodePeerMessage(decoded))).toEqual(decoded);
    }
  });
});
