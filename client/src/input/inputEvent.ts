import type { MidiNote, Velocity } from "@nicepiano/protocol";

/** What a player did, whatever the device: a MIDI keyboard, the computer keys or the screen. */
export type InputEvent =
  | { kind: "noteOn"; note: MidiNote; velocity: Velocity }
  | { kind: "noteOff"; note: MidiNote; velocity: Velocity }
  | { kind: "pedal"; down: boolean };
