import type { MidiNote, Velocity } from "@nicepiano/protocol";

/** What the room's piano needs from a sound engine. */
export interface PianoOutput {
  keyDown(note: MidiNote, velocity: Velocity): void;
  keyUp(note: MidiNote): void;
  pedalDown(): void;
  pedalUp(): void;
}
