import type { Millis, ServerTime } from "@nicepiano/protocol";

/** Local wall-clock time with sub-millisecond resolution. */
export function localNow(): Millis {
  return performance.timeOrigin + performance.now();
}

/** How many recent samples to keep; the one with the lowest round trip wins. */
const KEEP = 8;

interface Sample {
  rttMs: Millis;
  offsetMs: Millis;
}

/**
 * Estimates the offset from this machine's clock to the server's, NTP style: for one
 * request sent at `sentAt` and answered at `receivedAt` with `serverTime`, the server read
 * its clock about half way through; the sample with the smallest round trip is the least
 * distorted by queueing, so it is the one used.
 */
export class ClockSync {
  readonly #samples: Sample[] = [];
  /** This machine's clock (a test gives one that is off, as a real machine's can be). */
  readonly local: () => Millis;

  constructor(local: () => Millis = localNow) {
    this.local = local;
  }

  addSample(sentAt: Millis, serverTime: ServerTime, receivedAt: Millis): void {
    const rttMs = receivedAt - sentAt;
    if (!(rttMs >= 0) || !Number.isFinite(serverTime)) return;
    this.#samples.push({ rttMs, offsetMs: serverTime - (sentAt + rttMs / 2) });
    if (this.#samples.length > KEEP) this.#samples.shift();
  }

  /** Server time minus local time, from the best sample; 0 before any sample. */
  get offsetMs(): Millis {
    let best: Sample | undefined;
    for (const sample of this.#samples) if (!best || sample.rttMs < best.rttMs) best = sample;
    return best?.offsetMs ?? 0;
  }

  /** The room's shared clock: the server's time, estimated locally. */
  now(): ServerTime {
    return this.local() + this.offsetMs;
  }
}
