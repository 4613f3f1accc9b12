import type { Metronome, ServerTime } from "@nicepiano/protocol";

/** One click of the room's metronome. */
export interface Beat {
  /** When it sounds, on the room's clock. */
  at: ServerTime;
  /** Beats since the metronome started, from 0. */
  index: number;
  /** The first beat of a bar, accented. */
  downbeat: boolean;
}

/**
 * The beats of `metronome` from `from` (included) to `to` (excluded), on the room's
 * clock. Every page computes the same beats from the same settings: none is sent.
 */
export function beatsBetween(metronome: Metronome, from: ServerTime, to: ServerTime): Beat[] {
  const { startAt, bpm, beatsPerBar } = metronome;
  if (startAt === null || to <= from) return [];
  const periodMs = 60_000 / bpm;
  const beats: Beat[] = [];
  for (let index = Math.max(0, Math.ceil((from - startAt) / periodMs)); ; index++) {
    const at = startAt + index * periodMs;
    if (at >= to) break;
    beats.push({ at, index, downbeat: index % beatsPerBar === 0 });
  }
  return beats;
}
