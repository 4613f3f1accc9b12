import type { Millis } from "@nicepiano/protocol";

/**
 * Changes a view makes when a sound is heard rather than when it was handed over to the
 * audio clock (a scheduled note lights its key when it sounds; the beat light follows
 * the click), per thing changed: a change for now outdates what was still pending for
 * the same thing (a stopped playback's release, say).
 */
export class OnTime<K> {
  readonly #pending = new Map<K, Set<ReturnType<typeof setTimeout>>>();

  /** Makes `change` to `key` in `inMs` (at once for 0 or less). */
  at(key: K, inMs: Millis, change: () => void): void {
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = new Set();
      this.#pending.set(key, pending);
    }
    if (inMs <= 0) {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      change();
      return;
    }
    const timer = setTimeout(() => {
      pending.delete(timer);
      change();
    }, inMs);
    pending.add(timer);
  }

  /** Drops every pending change. */
  clear(): void {
    for (const pending of this.#pending.values()) for (const timer of pending) clearTimeout(timer);
    this.#pending.clear();
  }
}
