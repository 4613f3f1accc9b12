import type { MidiNote } from "@nicepiano/protocol";

/**
 * The Salamander Grand Piano's samples, as NicePiano serves them (`/samples/<file>`): every
 * third key from A0 to C8 in 16 velocity layers, a key-release noise for each of the 88
 * keys, string harmonics and the pedal's own sounds. Sharps are named with `s` (`Ds4v8.mp3`).
 */
export const VELOCITY_LAYER_COUNT = 16;
/** Where the server serves them. */
export const SAMPLES_URL = "/samples/";
export const LOWEST_SAMPLED_NOTE: MidiNote = 21;
export const HIGHEST_SAMPLED_NOTE: MidiNote = 108;

/** The 30 sampled keys (A0, C1, D#1, F#1, A1 … C8), low to high. */
export const SAMPLED_NOTES: readonly MidiNote[] = Array.from(
  { length: (HIGHEST_SAMPLED_NOTE - LOWEST_SAMPLED_NOTE) / 3 + 1 },
  (_, i) => LOWEST_SAMPLED_NOTE + 3 * i,
);

const NAMES = ["C", "Cs", "D", "Ds", "E", "F", "Fs", "G", "Gs", "A", "As", "B"];

/** `Ds4` for MIDI note 63. */
export function noteName(note: MidiNote): string {
  return `${NAMES[note % 12]}${Math.floor(note / 12) - 1}`;
}

export function layerFile(note: MidiNote, layer: number): string {
  return `${noteName(note)}v${layer}.mp3`;
}

/** The damper's noise as a key is let go (one per key: `rel1.mp3` is A0). */
export function releaseFile(note: MidiNote): string {
  return `rel${note - LOWEST_SAMPLED_NOTE + 1}.mp3`;
}

/** Harmonics exist for the sampled keys from A0 to C6, loud (`L`) and soft (`S`). */
export const HARMONIC_NOTES = SAMPLED_NOTES.filter((note) => note <= 84);

export function harmonicFile(note: MidiNote, loud: boolean): string {
  return `harm${loud ? "L" : "S"}${noteName(note)}.mp3`;
}

/** The pedal going down and coming up (two takes each; one is enough). */
export const PEDAL_FILES = { down: "pedalD1.mp3", up: "pedalU1.mp3" } as const;

/** The velocity layer (1–16) a MIDI velocity (1–127) was recorded at. */
export function layerForVelocity(velocity: number): number {
  return Math.min(VELOCITY_LAYER_COUNT, Math.max(1, Math.ceil(velocity / 8)));
}
