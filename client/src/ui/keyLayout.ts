import { PIANO_HIGHEST_NOTE, PIANO_LOWEST_NOTE, type MidiNote } from "@nicepiano/protocol";

/** The 88 keys' layout: white keys side by side, black keys over the gaps between them. */
const BLACK_SEMITONES = new Set([1, 3, 6, 8, 10]);
export const isBlackKey = (note: MidiNote) => BLACK_SEMITONES.has(note % 12);

/** The piano's keys, lowest first. */
export const PIANO_NOTES: readonly MidiNote[] = Array.from(
  { length: PIANO_HIGHEST_NOTE - PIANO_LOWEST_NOTE + 1 },
  (_, i) => PIANO_LOWEST_NOTE + i,
);

/** White keys below `note` on the piano (a black key sits at the right edge of as many). */
export function whiteKeysBelow(note: MidiNote): number {
  let count = 0;
  for (let n = PIANO_LOWEST_NOTE; n < note; n++) if (!isBlackKey(n)) count++;
  return count;
}

export const WHITE_KEYS = whiteKeysBelow(PIANO_HIGHEST_NOTE + 1);
/** A black key is this share of a white key's width (as the keyboard's CSS draws it). */
const BLACK_WIDTH = 0.62;

/** Where `note`'s key lies across the keyboard, as fractions of its width. */
export function keySpan(note: MidiNote): { left: number; width: number } {
  const white = whiteKeysBelow(note);
  if (!isBlackKey(note)) return { left: white / WHITE_KEYS, width: 1 / WHITE_KEYS };
  const width = BLACK_WIDTH / WHITE_KEYS;
  return { left: white / WHITE_KEYS - width / 2, width };
}
