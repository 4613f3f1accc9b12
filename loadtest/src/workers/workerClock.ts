import { ClockSync } from "@nicepiano/client/room";
import { monotonicMs } from "../bench/benchPeerMessages";

/** Samples taken at the start, then one every `RESAMPLE_MS`. */
const SAMPLES_AT_START = 8;
const RESAMPLE_MS = 10_000;

/**
 * A worker's estimate of the coordinator's monotonic clock, NTP style with the room
 * clock's own code (`ClockSync`): every time a worker reads (plans, note stamps, arrival
 * times) is on it, so one-way note latency between workers on different machines is
 * measured as between processes on one. A worker on the coordinator's machine reads the
 * same CLOCK_MONOTONIC (`sameMachine`): it takes it as it is, exactly. `skewMs` shifts
 * this machine's clock, as another machine's would be (for tests).
 */
export class WorkerClock {
  readonly #sync: ClockSync;
  readonly #ask: () => Promise<number>;
  readonly #sameMachine: boolean;
  #timer: NodeJS.Timeout | undefined;

  constructor(ask: () => Promise<number>, { sameMachine = false, skewMs = 0 } = {}) {
    this.#ask = ask;
    this.#sameMachine = sameMachine;
    this.#sync = new ClockSync(() => monotonicMs() + skewMs);
  }

  /** Takes the first samples, then keeps sampling in the background until `stop`. */
  async start(): Promise<void> {
    if (this.#sameMachine) return;
    for (let i = 0; i < SAMPLES_AT_START; i++) await this.#sample();
    this.#timer = setInterval(() => void this.#sample().catch(() => {}), RESAMPLE_MS);
    this.#timer.unref();
  }

  /** The coordinator's clock now, ms. */
  now(): number {
    return this.#sameMachine ? monotonicMs() : this.#sync.now();
  }

  /** This clock's estimated offset from the coordinator's, ms. */
  get offsetMs(): number {
    return this.#sameMachine ? 0 : this.#sync.offsetMs;
  }

  /** Ms until coordinator time `at` (0 if past). */
  until(at: number): number {
    return Math.max(0, at - this.now());
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async #sample(): Promise<void> {
    const sentAt = this.#sync.local();
    const coordinatorMs = await this.#ask();
    this.#sync.addSample(sentAt, coordinatorMs, this.#sync.local());
  }
}
