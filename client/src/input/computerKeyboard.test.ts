import { describe, expect, it } from "vitest";
import { MAX_OCTAVE_SHIFT, MIN_OCTAVE_SHIFT, noteForKey, shiftOctave } from "./computerKeyboard";

describe("computer keyboard mapping", () => {
  it("plays middle C on A and the black keys on the row above", () => {
    expect(noteForKey("KeyA", 0)).toBe(60);
    expect(noteForKey("KeyW", 0)).toBe(61);
    expect(noteForKey("KeyK", 0)).toBe(72);
    expect(noteForKey("Quote", 0)).toBe(77);
  });

  it("shifts by octaves within limits, and stays on the 88 keys", () => {
    expect(noteForKey("KeyA", -1)).toBe(48);
    expect(shiftOctave(MAX_OCTAVE_SHIFT, 1)).toBe(MAX_OCTAVE_SHIFT);
    expect(shiftOctave(MIN_OCTAVE_SHIFT, -1)).toBe(MIN_OCTAVE_SHIFT);
    expect(noteForKey("KeyA", MIN_OCTAVE_SHIFT)).toBeGreaterThanOrEqual(21);
    expect(noteForKey("KeyK", MAX_OCTAVE_SHIFT)).toBe(108);
    expect(noteForKey("KeyO", MAX_OCTAVE_SHIFT)).toBeNull();
  });

  it("ignores other keys", () => {
    expect(noteForKey("KeyQ", 0)).toBeNull();
    expect(noteForKey("Enter", 0)).toBeNull();
  });
});
