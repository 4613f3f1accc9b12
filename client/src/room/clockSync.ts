import type { Millis, ServerTime } from "@nicepiano/protocol";

/** Local wall-clock time with sub-millisecond resolution. */
export function localNow(): Millis {
  return performance.timeOrigin + performance.now();
}

/** How many recent samples to keep; the one with the smallest error bound wins. */
const KEEP = 8;
/** The server reads its clock with `Date.now()`: whole milliseconds. */
const QUANTUM_MS = 1;
/**
 * How fast two clocks may drift apart: a sample's error bound grows by this much a
 * millisecond of its age (NTP assumes 15 ppm; laptops' crystals do worse, so 50 ppm).
 */
const DRIFT = 5e-5;

interface Sample {
  offsetMs: Millis;
  /** The true offset was within this much of `offsetMs` when the sample was taken. */
  errorMs: Millis;
  /** Local time the sample was taken. */
  takenAt: Millis;
}

/**
 * What a sample did to the estimate: it `agrees` with the samples kept, it shows the
 * clocks `jump`ed (it cannot be true with them: they are dropped), or it was `refused`
 * (impossible: a negative round trip, a time that is not a number).
 */
export type SampleVerdict = "agrees" | "jump" | "refused";

/**
 * Estimates the offset from this machine's clock to the server's, NTP style. A sample
 * is one exchange: the server read its clock somewhere within the round trip, so the true
 * offset lies within half the round trip of the estimate, plus the server clock's
 * resolution, plus the drift since. The sample with the smallest such bound is used; a
 * sample whose bound does not overlap the best one's means a clock jumped (a laptop woke,
 * the server's clock was stepped) and the older samples are forgotten.
 */
export class ClockSync {
  readonly #samples: Sample[] = [];
  /** This machine's clock (a test gives one that is off, as a real machine's can be). */
  readonly local: () => Millis;

  constructor(local: () => Millis = localNow) {
    this.local = local;
  }

  /** A `clock` request sent at `sentAt`, answered at `receivedAt` with `serverTime`. */
  addSample(sentAt: Millis, serverTime: ServerTime, receivedAt: Millis): SampleVerdict {
    const rttMs = receivedAt - sentAt;
    return this.#add(serverTime - (sentAt + rttMs / 2), rttMs, receivedAt);
  }

  /**
   * A ping the server sent at `serverSentAt` by its clock, received here at `receivedAt`,
   * whose round trip the server measured as `rttMs`.
   */
  addServerSample(serverSentAt: ServerTime, rttMs: Millis, receivedAt: Millis): SampleVerdict {
    return this.#add(serverSentAt + rttMs / 2 - receivedAt, rttMs, receivedAt);
  }

  /** Server time minus local time, from the best sample; 0 before any sample. */
  get offsetMs(): Millis {
    return this.#best(this.local())?.offsetMs ?? 0;
  }

  /** The room's shared clock: the server's time, estimated locally. */
  now(): ServerTime {
    return this.local() + this.offsetMs;
  }

  #add(offsetMs: Millis, rttMs: Millis, takenAt: Millis): SampleVerdict {
    if (!(rttMs >= 0) || !Number.isFinite(offsetMs) || !Number.isFinite(takenAt)) {
      return "refused";
    }
    const sample = { offsetMs, errorMs: rttMs / 2 + QUANTUM_MS, takenAt };
    const best = this.#best(takenAt);
    const jumped =
      best !== undefined &&
      Math.abs(best.offsetMs - offsetMs) > sample.errorMs + boundOf(best, takenAt);
    if (jumped) this.#samples.length = 0;
    this.#samples.push(sample);
    if (this.#samples.length > KEEP) this.#samples.shift();
    return jumped ? "jump" : "agrees";
  }

  #best(at: Millis): Sample | undefined {
    let best: Sample | undefined;
    for (const sample of this.#samples) {
      if (!best || boundOf(sample, at) < boundOf(best, at)) best = sample;
    }
    return best;
  }
}

/** A sample's error bound at local time `at`. */
function boundOf(sample: Sample, at: Millis): Millis {
  return sample.errorMs + Math.abs(at - sample.takenAt) * DRIFT;
}
