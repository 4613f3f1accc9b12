import type { MidiNote, Millis, PeerId, PlayerColor } from "@nicepiano/protocol";
import { keySpan } from "./keyLayout";

/** One note as the view draws it: struck at `start`, let go at `end` (ms, page clock). */
export interface NoteBar {
  note: MidiNote;
  color: PlayerColor;
  start: Millis;
  end: Millis | undefined;
}

/** A bar's place in the view, as fractions of its width and height (0 top, 1 bottom). */
export interface BarBox {
  left: number;
  width: number;
  top: number;
  bottom: number;
}

/** More bars than this (a flood) drops the oldest: the view stays cheap to draw. */
const MAX_BARS = 2000;

/**
 * What everyone played in the last few seconds, as bars in their players' colours. A
 * note appears at the top of the view when it sounds and falls towards the keyboard, as
 * long as it was held; after `windowMs` it has fallen out of view and is forgotten.
 */
export class FallingNotes {
  readonly windowMs: Millis;
  #bars: NoteBar[] = [];
  readonly #held = new Map<string, NoteBar>();

  constructor(windowMs: Millis = 4000) {
    this.windowMs = windowMs;
  }

  press(player: PeerId, note: MidiNote, color: PlayerColor, at: Millis): void {
    this.release(player, note, at);
    const bar: NoteBar = { note, color, start: at, end: undefined };
    this.#bars.push(bar);
    this.#held.set(`${player}:${note}`, bar);
    if (this.#bars.length > MAX_BARS) this.#bars.splice(0, this.#bars.length - MAX_BARS);
  }

  release(player: PeerId, note: MidiNote, at: Millis): void {
    const key = `${player}:${note}`;
    const bar = this.#held.get(key);
    if (!bar) return;
    bar.end = Math.max(bar.start, at);
    this.#held.delete(key);
  }

  /** The bars in view at `now` with their boxes; forgets those that have fallen out. */
  visible(now: Millis): { bar: NoteBar; box: BarBox }[] {
    this.#bars = this.#bars.filter((bar) => bar.end === undefined || now - bar.end < this.windowMs);
    const shown: { bar: NoteBar; box: BarBox }[] = [];
    for (const bar of this.#bars) {
      if (bar.start > now) continue; // scheduled: not sounding yet
      const bottom = Math.min(1, (now - bar.start) / this.windowMs);
      const top = bar.end === undefined ? 0 : Math.min(1, (now - bar.end) / this.windowMs);
      if (top >= 1) continue;
      shown.push({ bar, box: { ...keySpan(bar.note), top, bottom } });
    }
    return shown;
  }

  get size(): number {
    return this.#bars.length;
  }
}
