import type { Millis, MidiNote, Velocity } from "@nicepiano/protocol";

/**
 * What a player did, whatever the device: a MIDI keyboard, the computer keys or the
 * screen. `at` is when it happened on the `performance.now()` clock (the DOM event's
 * `timeStamp`), so recordings keep the player's timing rather than our handling time.
 */
export type InputEvent = (
  | { kind: "noteOn"; note: MidiNote; velocity: Velocity }
  | { kind: "noteOff"; note: MidiNote; velocity: Velocity }
  | { kind: "pedal"; down: boolean }
) & { at?: Millis };
