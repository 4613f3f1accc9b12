import {
  PIANO_HIGHEST_NOTE,
  PIANO_LOWEST_NOTE,
  type MidiNote,
  type Velocity,
} from "@nicepiano/protocol";
import type { VelocityCurve } from "../audio/soundSettings";
import type { InputEvent } from "./inputEvent";

/** How this player's MIDI keyboard is heard: its touch, and where its keys land. */
export interface MidiShaping {
  velocityCurve: VelocityCurve;
  /** Semitones, −12 to 12. */
  transpose: number;
  /** Octaves, −3 to 3. */
  octave: number;
}

/** What `fixed` plays every key at: a firm mezzo-forte. */
export const FIXED_VELOCITY: Velocity = 96;

/**
 * A keyboard's velocity through a curve: `soft` for a heavy keyboard (a light touch sounds
 * louder), `hard` for a light one (it takes more to play loud), `fixed` for one without
 * touch sensitivity. 1–127 stays 1–127.
 */
export function curveVelocity(velocity: Velocity, curve: VelocityCurve): Velocity {
  if (curve === "fixed") return FIXED_VELOCITY;
  if (curve === "normal") return velocity;
  const exponent = curve === "soft" ? 0.6 : 1.6;
  return Math.max(1, Math.min(127, Math.round(127 * (velocity / 127) ** exponent)));
}

/**
 * Applies a player's shaping to their MIDI input. A key let go ends the note its press
 * started, even if the transpose changed while it was held; a press shifted off the 88
 * keys is dropped, and so is its release.
 */
export class MidiShaper {
  /** Key pressed on the keyboard -> the note it sounds. */
  readonly #sounding = new Map<MidiNote, MidiNote>();

  shape(event: InputEvent, shaping: MidiShaping): InputEvent | null {
    if (event.kind === "pedal") return event;
    if (event.kind === "noteOff") {
      const note = this.#sounding.get(event.note);
      this.#sounding.delete(event.note);
      return note === undefined ? null : { ...event, note };
    }
    const note = event.note + shaping.transpose + 12 * shaping.octave;
    if (note < PIANO_LOWEST_NOTE || note > PIANO_HIGHEST_NOTE) return null;
    this.#sounding.set(event.note, note);
    return { ...event, note, velocity: curveVelocity(event.velocity, shaping.velocityCurve) };
  }
}
