import type { MidiNote, Velocity } from "@nicepiano/protocol";

/**
 * What the room's piano needs from a sound engine. `time` is when, on the audio
 * context's clock (seconds); without it, at once.
 */
export interface PianoOutput {
  keyDown(note: MidiNote, velocity: Velocity, time?: number): void;
  keyUp(note: MidiNote, time?: number): void;
  pedalDown(time?: number): void;
  pedalUp(time?: number): void;
}
