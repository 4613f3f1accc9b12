import { describe, expect, it } from "vitest";
import { PeerMessageType, type PlayMessage } from "./peerCodec";
import {
  decodePeerFrame,
  encodeNoteFrame,
  encodePingFrame,
  MAX_FRAME_BYTES,
  MAX_FRAME_EVENTS,
  PeerFrameType,
  type NumberedEvent,
} from "./peerFrames";

const T = 1_760_000_000_123.5;
const on = (note: number, t: number): PlayMessage => ({
  type: PeerMessageType.NoteOn,
  note,
  velocity: 90,
  t,
});
const numbered = (first: number, messages: PlayMessage[]): NumberedEvent[] =>
  messages.map((message, i) => ({ seq: first + i, message }));

describe("note frames", () => {
  it("carry numbered events with their times and the sender's state, both ways", () => {
    const events = numbered(41, [
      on(60, T - 120.3),
      { type: PeerMessageType.NoteOff, note: 60, velocity: 0, t: T - 20 },
      { type: PeerMessageType.Pedal, down: true, t: T },
    ]);
    const bytes = encodeNoteFrame({ events, state: { pedal: true, keys: [64, 67] } });
    expect(bytes.length).toBe(16 + 3 * 5 + 1 + 2);
    const frame = decodePeerFrame(bytes);
    expect(frame).toEqual({
      type: PeerFrameType.Notes,
      events: events.map(({ seq, message }) => ({
        seq,
        message: { ...message, t: expect.closeTo(message.t, 1) as number },
      })),
      state: { pedal: true, keys: [64, 67] },
    });
    // Times within a twentieth of a millisecond.
    if (frame?.type !== PeerFrameType.Notes) throw new Error("not notes");
    expect(Math.abs(frame.events[0]!.message.t - (T - 120.3))).toBeLessThan(0.051);
    expect(frame.events[2]!.message.t).toBe(T);
  });

  it("go without state for the plain transport, and as a map when many keys are held", () => {
    const plain = encodeNoteFrame({ events: numbered(0, [on(21, T)]) });
    expect(decodePeerFrame(plain)).toEqual({
      type: PeerFrameType.Notes,
      events: [{ seq: 0, message: on(21, T) }],
    });
    const keys = Array.from({ length: 40 }, (_, i) => 21 + 2 * i);
    const many = encodeNoteFrame({
      events: numbered(7, [on(100, T)]),
      state: { pedal: false, keys },
    });
    expect(many.length).toBe(16 + 5 + 16);
    expect(decodePeerFrame(many)).toMatchObject({ state: { pedal: false, keys } });
  });

  it("never exceed the largest frame, with the most events and keys", () => {
    const events = numbered(
      1000,
      Array.from({ length: MAX_FRAME_EVENTS }, (_, i) => on(30 + i, T + i)),
    );
    const all = Array.from({ length: 128 }, (_, key) => key);
    const bytes = encodeNoteFrame({ events, state: { pedal: true, keys: all } });
    expect(bytes.length).toBe(MAX_FRAME_BYTES);
    expect(decodePeerFrame(bytes)).toMatchObject({ state: { keys: all } });
  });

  it("refuse to encode what the format cannot hold", () => {
    expect(() => encodeNoteFrame({ events: [] })).toThrow(RangeError);
    expect(() =>
      encodeNoteFrame({
        events: [
          { seq: 1, message: on(1, T) },
          { seq: 3, message: on(2, T) },
        ],
      }),
    ).toThrow(RangeError);
    expect(() => encodeNoteFrame({ events: numbered(1, [on(1, T - 7000), on(2, T)]) })).toThrow(
      RangeError,
    );
  });

  it("refuse bytes that are not a valid frame", () => {
    const good = encodeNoteFrame({
      events: numbered(5, [on(60, T - 1), on(62, T)]),
      state: { pedal: false, keys: [60, 62] },
    });
    const broken = (at: number, value: number) => {
      const bytes = good.slice();
      bytes[at] = value;
      return bytes;
    };
    expect(decodePeerFrame(good)).not.toBeNull();
    expect(decodePeerFrame(broken(0, 1))).toBeNull(); // version 1
    expect(decodePeerFrame(broken(1, 9))).toBeNull(); // frame type
    expect(decodePeerFrame(broken(14, 0))).toBeNull(); // no events
    expect(decodePeerFrame(broken(14, 3))).toBeNull(); // more events than bytes
    expect(decodePeerFrame(broken(15, 8))).toBeNull(); // unknown flag
    expect(decodePeerFrame(broken(16, 7))).toBeNull(); // event kind
    expect(decodePeerFrame(broken(17, 200))).toBeNull(); // note > 127
    expect(decodePeerFrame(broken(18, 0))).toBeNull(); // note-on at velocity 0
    expect(decodePeerFrame(broken(26, 3))).toBeNull(); // key count past the end
    expect(decodePeerFrame(broken(27, 62))).toBeNull(); // keys not ascending
    expect(decodePeerFrame(good.subarray(0, good.length - 1))).toBeNull();
    expect(decodePeerFrame(Uint8Array.of(...good, 0))).toBeNull();
    expect(decodePeerFrame(new Uint8Array(MAX_FRAME_BYTES + 1))).toBeNull();
    const negativeSeq = encodeNoteFrame({ events: numbered(0, [on(60, T - 1), on(61, T)]) });
    negativeSeq[2] = 0; // newest 0 with two events: the first would be -1
    expect(decodePeerFrame(negativeSeq)).toBeNull();
    const notFinite = good.slice();
    new DataView(notFinite.buffer).setFloat64(6, Number.NaN, true);
    expect(decodePeerFrame(notFinite)).toBeNull();
  });
});

describe("ping frames", () => {
  it("carry an id and a time, both ways, and nothing else", () => {
    const ping = encodePingFrame({ type: PeerFrameType.Ping, id: 2 ** 32 - 1, t: 123.25 });
    expect(decodePeerFrame(ping)).toEqual({ type: PeerFrameType.Ping, id: 2 ** 32 - 1, t: 123.25 });
    const pong = encodePingFrame({ type: PeerFrameType.Pong, id: 7, t: 1 });
    expect(decodePeerFrame(pong)).toEqual({ type: PeerFrameType.Pong, id: 7, t: 1 });
    expect(decodePeerFrame(Uint8Array.of(...ping, 0))).toBeNull();
  });
});
