import type { Millis } from "@nicepiano/protocol";
import type { ClockSync } from "./clockSync";
import type { RoomRequests } from "./roomRequests";

/**
 * Clock samples taken right after joining, then one per interval. Joining is when the
 * page is busiest (samples decoding), so steady later samples, of which the quickest
 * wins, keep the shared clock tight: a 2 s interval (was 10 s) took the worst playback
 * spread between two pages from 6–9 ms to under 2 ms (`npm run bench:playback`).
 */
const SAMPLES_AT_START = 5;
export const CLOCK_SYNC_INTERVAL_MS = 2000;
const SAMPLE_TIMEOUT_MS = 5000;

/** Feeds the room clock with samples of the server's clock while a member is in a room. */
export class ClockSampler {
  readonly #requests: RoomRequests;
  readonly #clock: ClockSync;
  readonly #intervalMs: Millis;
  #timer: ReturnType<typeof setInterval> | undefined;
  /** Counts stops: samples under way stop at the next. */
  #generation = 0;

  constructor(requests: RoomRequests, clock: ClockSync, intervalMs = CLOCK_SYNC_INTERVAL_MS) {
    this.#requests = requests;
    this.#clock = clock;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    this.stop();
    this.#sample(SAMPLES_AT_START);
    this.#timer = setInterval(() => this.#sample(1), this.#intervalMs);
  }

  stop(): void {
    this.#generation++;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Takes samples one after another; a lost answer only costs that sample. */
  #sample(count: number): void {
    const generation = this.#generation;
    const wanted = () => this.#generation === generation && this.#requests.socket.connected;
    const take = async () => {
      for (let i = 0; i < count && wanted(); i++) {
        const sentAt = this.#clock.local();
        const serverTime = await this.#requests.clock(SAMPLE_TIMEOUT_MS);
        this.#clock.addSample(sentAt, serverTime, this.#clock.local());
      }
    };
    take().catch(() => {});
  }
}
