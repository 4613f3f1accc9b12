import type { PeerId, SignalData } from "@nicepiano/protocol";

/** How long a signal from someone not in the room is kept, in case they join. */
const KEEP_MS = 5000;
/** At most this many kept, in all (a hostile member cannot fill the page's memory). */
const MAX_KEPT = 64;

/**
 * Signals from ids the room has not (yet) told us of, kept for a moment, then dropped:
 * a member's offer may overtake the news that they joined; anybody else's is never
 * answered.
 */
export class StrangerSignals {
  readonly #kept = new Map<PeerId, { data: SignalData[]; timer: ReturnType<typeof setTimeout> }>();
  #count = 0;

  keep(from: PeerId, data: SignalData): void {
    if (this.#count >= MAX_KEPT) return;
    let entry = this.#kept.get(from);
    if (!entry) {
      const timer = setTimeout(() => this.take(from), KEEP_MS);
      entry = { data: [], timer };
      this.#kept.set(from, entry);
    }
    entry.data.push(data);
    this.#count++;
  }

  /** What `from` sent while unknown (and forgets it). */
  take(from: PeerId): SignalData[] {
    const entry = this.#kept.get(from);
    if (!entry) return [];
    clearTimeout(entry.timer);
    this.#kept.delete(from);
    this.#count -= entry.data.length;
    return entry.data;
  }

  clear(): void {
    for (const from of [...this.#kept.keys()]) this.take(from);
  }
}
