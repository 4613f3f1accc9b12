import { describe, expect, it } from "vitest";
import { curveVelocity, FIXED_VELOCITY, MidiShaper } from "./midiShaping";

const normal = { velocityCurve: "normal", transpose: 0, octave: 0 } as const;

describe("curveVelocity", () => {
  it("leaves normal alone, lifts soft touches for soft, lowers them for hard", () => {
    expect(curveVelocity(40, "normal")).toBe(40);
    expect(curveVelocity(40, "soft")).toBeGreaterThan(55);
    expect(curveVelocity(40, "hard")).toBeLessThan(25);
    expect(curveVelocity(40, "fixed")).toBe(FIXED_VELOCITY);
  });

  it("keeps the hardest touch, velocities within 1–127, and the order of touches", () => {
    for (const curve of ["soft", "hard"] as const) {
      expect(curveVelocity(1, curve)).toBeGreaterThanOrEqual(1);
      expect(curveVelocity(127, curve)).toBe(127);
      const curved = [10, 40, 70, 100].map((velocity) => curveVelocity(velocity, curve));
      expect([...curved].sort((a, b) => a - b)).toEqual(curved);
    }
  });
});

describe("MidiShaper", () => {
  it("transposes and shifts notes, and ends the note a key started after a change", () => {
    const shaper = new MidiShaper();
    expect(
      shaper.shape(
        { kind: "noteOn", note: 60, velocity: 80 },
        { ...normal, transpose: 2, octave: -1 },
      ),
    ).toEqual({ kind: "noteOn", note: 50, velocity: 80 });
    expect(shaper.shape({ kind: "noteOff", note: 60, velocity: 0 }, normal)).toEqual({
      kind: "noteOff",
      note: 50,
      velocity: 0,
    });
  });

  it("drops a key shifted off the piano, and its release", () => {
    const shaper = new MidiShaper();
    expect(
      shaper.shape({ kind: "noteOn", note: 105, velocity: 80 }, { ...normal, octave: 1 }),
    ).toBeNull();
    expect(shaper.shape({ kind: "noteOff", note: 105, velocity: 0 }, normal)).toBeNull();
  });

  it("passes the pedal through and curves velocities", () => {
    const shaper = new MidiShaper();
    expect(shaper.shape({ kind: "pedal", down: true }, normal)).toEqual({
      kind: "pedal",
      down: true,
    });
    expect(
      shaper.shape(
        { kind: "noteOn", note: 60, velocity: 30 },
        { ...normal, velocityCurve: "fixed" },
      ),
    ).toMatchObject({
      velocity: FIXED_VELOCITY,
    });
  });
});
