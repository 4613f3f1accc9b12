import {
  LIMITS,
  type Millis,
  type PeerId,
  type SignalData,
  type Signals,
} from "@nicepiano/protocol";

/** Signals to one peer that follow a sent one within this go together when it ends. */
export const SIGNAL_BATCH_MS: Millis = 10;

interface Window {
  /** What came since the window opened, to go when it closes. */
  batch: SignalData[];
  /** The batch's size as JSON, characters. */
  chars: number;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Sends a page's signals to each peer in fewer messages. A signal to a peer nothing was
 * sent to lately goes at once (an offer or an answer is never held up) and opens a
 * window of `SIGNAL_BATCH_MS`; what follows within it (the ICE candidates a browser finds
 * a moment after its offer) goes together as it closes, in order. Each message costs the
 * server a read, a write and a room check: a newcomer to a room of 18 sent 170 of them,
 * ten for each peer (BENCHMARKS.md, musicians per instance, eighth round). A batch stays
 * within `LIMITS.signalsPerMessage` signals and `LIMITS.signalBytes`.
 */
export class SignalBatcher {
  readonly #send: (to: PeerId, signals: Signals) => void;
  readonly #windows = new Map<PeerId, Window>();

  constructor(send: (to: PeerId, signals: Signals) => void) {
    this.#send = send;
  }

  add(to: PeerId, data: SignalData): void {
    const window = this.#windows.get(to);
    if (!window) {
      this.#send(to, data);
      const timer = setTimeout(() => this.#close(to), SIGNAL_BATCH_MS);
      this.#windows.set(to, { batch: [], chars: 0, timer });
      return;
    }
    const chars = JSON.stringify(data).length;
    const full =
      window.batch.length >= LIMITS.signalsPerMessage || window.chars + chars > LIMITS.signalBytes;
    if (full) this.#flush(to, window);
    window.batch.push(data);
    window.chars += chars;
  }

  /** Drops what is waiting (the peers are gone). */
  stop(): void {
    for (const { timer } of this.#windows.values()) clearTimeout(timer);
    this.#windows.clear();
  }

  #close(to: PeerId): void {
    const window = this.#windows.get(to);
    if (!window) return;
    this.#windows.delete(to);
    this.#flush(to, window);
  }

  #flush(to: PeerId, window: Window): void {
    const { batch } = window;
    window.batch = [];
    window.chars = 0;
    if (batch.length > 0) this.#send(to, batch.length === 1 ? batch[0]! : batch);
  }
}
