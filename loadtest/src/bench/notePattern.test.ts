import { PeerMessageType } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { NotePattern } from "./notePattern";

describe("NotePattern", () => {
  it("lets each note go at the next step, and plays a chord every 8th", () => {
    const pattern = new NotePattern(48);
    const steps = Array.from({ length: 8 }, (_, i) => pattern.step(i, i));
    expect(steps[0]).toEqual([
      { type: PeerMessageType.NoteOn, note: 48, velocity: 80, t: 0 },
      { type: PeerMessageType.Pedal, down: true, t: 0 },
    ]);
    expect(steps[1]).toEqual([
      { type: PeerMessageType.NoteOff, note: 48, velocity: 0, t: 1 },
      { type: PeerMessageType.NoteOn, note: 53, velocity: 80, t: 1 },
    ]);
    const chord = steps[7]!.filter((m) => m.type === PeerMessageType.NoteOn);
    expect(chord.map((m) => m.type === PeerMessageType.NoteOn && m.note)).toEqual([59, 63, 66]);
  });

  it("ends holding exactly what it is told", () => {
    const pattern = new NotePattern(48);
    for (let i = 0; i < 8; i++) pattern.step(i, i);
    const end = pattern.end({ keys: [59, 70], pedal: false }, 9);
    expect(end).toEqual([
      { type: PeerMessageType.NoteOff, note: 63, velocity: 0, t: 9 },
      { type: PeerMessageType.NoteOff, note: 66, velocity: 0, t: 9 },
      { type: PeerMessageType.NoteOn, note: 70, velocity: 80, t: 9 },
      { type: PeerMessageType.Pedal, down: false, t: 9 },
    ]);
  });
});
