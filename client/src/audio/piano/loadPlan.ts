import type { MidiNote } from "@nicepiano/protocol";
import { LAYER_ORDER, type PianoQuality } from "./pianoQuality";
import {
  HARMONIC_NOTES,
  harmonicFile,
  layerFile,
  PEDAL_FILES,
  releaseFile,
  SAMPLED_NOTES,
} from "./salamander";

/** One file to fetch, and what it is. */
export type SampleJob =
  | { kind: "note"; file: string; note: MidiNote; layer: number }
  | { kind: "release"; file: string; note: MidiNote }
  | { kind: "harmonic"; file: string; note: MidiNote; loud: boolean }
  | { kind: "pedal"; file: string; down: boolean };

/** The key the first samples are nearest to: just above middle C, where most playing is. */
const CENTRE: MidiNote = 62;
/** How many samples around the centre make the piano playable (A3 to A4 in the first layer). */
export const FIRST_SAMPLES = 5;

/** The sampled keys, nearest the middle first. */
const BY_DISTANCE = [...SAMPLED_NOTES].sort(
  (a, b) => Math.abs(a - CENTRE) - Math.abs(b - CENTRE) || a - b,
);

/**
 * The files of `quality` in the order they should arrive: the middle register of the first
 * layer, the rest of its keyboard (from the middle out), then each further layer the same
 * way; for Concert, then the key releases and the pedal, then the harmonics.
 */
export function planSamples(quality: PianoQuality): SampleJob[] {
  const jobs: SampleJob[] = LAYER_ORDER[quality].flatMap((layer) =>
    BY_DISTANCE.map((note) => ({
      kind: "note" as const,
      file: layerFile(note, layer),
      note,
      layer,
    })),
  );
  if (quality !== "concert") return jobs;
  for (let note = SAMPLED_NOTES[0]!; note <= SAMPLED_NOTES.at(-1)!; note++) {
    jobs.push({ kind: "release", file: releaseFile(note), note });
  }
  jobs.push({ kind: "pedal", file: PEDAL_FILES.down, down: true });
  jobs.push({ kind: "pedal", file: PEDAL_FILES.up, down: false });
  for (const loud of [true, false]) {
    for (const note of HARMONIC_NOTES) {
      jobs.push({ kind: "harmonic", file: harmonicFile(note, loud), note, loud });
    }
  }
  return jobs;
}
