import { PeerMessageType, type RecordedEvent } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { packEvents, PackedEventsError, unpackEvents } from "./packedEvents";

describe("packed events", () => {
  it("round-trips every field, fractional times included", () => {
    const events: RecordedEvent[] = [
      [0, PeerMessageType.NoteOn, 21, 1],
      [12.375, PeerMessageType.Pedal, 1, 0],
      [3_599_999.999, PeerMessageType.NoteOff, 108, 127],
      [3_600_000, PeerMessageType.NoteOn, 60, 64, 31],
    ];
    const packed = packEvents(events);
    expect(packed.length).toBe(1 + 4 * 12);
    expect(unpackEvents(packed)).toEqual(events);
    expect(unpackEvents(packEvents([]))).toEqual([]);
  });

  it("still reads the first layout (no tracks), as older saves hold it", () => {
    const bytes = new Uint8Array(1 + 2 * 11);
    const view = new DataView(bytes.buffer);
    bytes[0] = 1;
    view.setFloat64(1, 2.5);
    bytes.set([PeerMessageType.NoteOn, 60, 90], 9);
    view.setFloat64(12, 400);
    bytes.set([PeerMessageType.NoteOff, 60, 0], 20);
    expect(unpackEvents(bytes)).toEqual([
      [2.5, PeerMessageType.NoteOn, 60, 90],
      [400, PeerMessageType.NoteOff, 60, 0],
    ]);
  });

  it("reads from a view into a larger buffer, as drivers hand them out", () => {
    const packed = packEvents([[5, PeerMessageType.NoteOn, 60, 90]]);
    const padded = new Uint8Array(packed.length + 7);
    padded.set(packed, 3);
    expect(unpackEvents(padded.subarray(3, 3 + packed.length))).toEqual([
      [5, PeerMessageType.NoteOn, 60, 90],
    ]);
  });

  it("refuses an unknown version or a cut-short buffer", () => {
    const packed = packEvents([[5, PeerMessageType.NoteOn, 60, 90]]);
    expect(() => unpackEvents(Uint8Array.of(9, ...packed.subarray(1)))).toThrow(PackedEventsError);
    expect(() => unpackEvents(packed.subarray(0, packed.length - 1))).toThrow(/cut short/);
    expect(() => unpackEvents(new Uint8Array())).toThrow(PackedEventsError);
  });
});
