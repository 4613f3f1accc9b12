import type { Millis } from "@nicepiano/protocol";

/** How often the event loop is looked at: a stall shows within this much. */
const EVERY_MS = 10;

/**
 * How long this process's event loop stood still, by rounds: how late a short timer
 * fires. (perf_hooks' `monitorEventLoopDelay` does not see a loop held inside a timer or
 * setImmediate callback, checked on Node 24: an 80 ms hold left its max at 10 ms; it
 * sees one held by I/O.)
 */
export class OwnStalls {
  #timer: NodeJS.Timeout | undefined;
  #lastAt = 0;
  #longestThisRoundMs: Millis = 0;
  #longestLastRoundMs: Millis = 0;

  /** Starts watching (once). */
  start(): void {
    if (this.#timer) return;
    this.#lastAt = performance.now();
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.#longestThisRoundMs = Math.max(this.#longestThisRoundMs, now - this.#lastAt - EVERY_MS);
      this.#lastAt = now;
    }, EVERY_MS);
    this.#timer.unref();
  }

  /** A new round begins: the one before is kept as the last. */
  nextRound(): void {
    this.#longestLastRoundMs = this.#longestThisRoundMs;
    this.#longestThisRoundMs = 0;
  }

  /** The longest stall over the last round and this one so far (ms). */
  longestMs(): Millis {
    return Math.max(this.#longestLastRoundMs, this.#longestThisRoundMs);
  }

  /** Stops watching. Safe to call twice. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
