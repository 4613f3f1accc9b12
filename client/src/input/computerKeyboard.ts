import { PIANO_HIGHEST_NOTE, PIANO_LOWEST_NOTE, type MidiNote } from "@nicepiano/protocol";

/**
 * The computer keyboard as a piano, by physical key (`KeyboardEvent.code`, so it works on
 * any layout): the home row is the white keys from C, the row above the black keys.
 */
export const KEY_SEMITONES: Readonly<Record<string, number>> = {
  KeyA: 0,
  KeyW: 1,
  KeyS: 2,
  KeyE: 3,
  KeyD: 4,
  KeyF: 5,
  KeyT: 6,
  KeyG: 7,
  KeyY: 8,
  KeyH: 9,
  KeyU: 10,
  KeyJ: 11,
  KeyK: 12,
  KeyO: 13,
  KeyL: 14,
  KeyP: 15,
  Semicolon: 16,
  Quote: 17,
};

export const OCTAVE_DOWN_KEY = "KeyZ";
export const OCTAVE_UP_KEY = "KeyX";
export const SUSTAIN_KEY = "Space";

/** The C that `KeyA` plays at octave shift 0: middle C. */
export const BASE_NOTE: MidiNote = 60;
export const MIN_OCTAVE_SHIFT = -3;
export const MAX_OCTAVE_SHIFT = 3;

/** The note a key plays at an octave shift; null for other keys and beyond the 88 keys. */
export function noteForKey(code: string, octaveShift: number): MidiNote | null {
  const semitone = KEY_SEMITONES[code];
  if (semitone === undefined) return null;
  const note = BASE_NOTE + 12 * octaveShift + semitone;
  return note >= PIANO_LOWEST_NOTE && note <= PIANO_HIGHEST_NOTE ? note : null;
}

export function shiftOctave(current: number, by: -1 | 1): number {
  return Math.min(MAX_OCTAVE_SHIFT, Math.max(MIN_OCTAVE_SHIFT, current + by));
}
