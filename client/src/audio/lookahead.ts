import type { Millis, ServerTime } from "@nicepiano/protocol";

export interface LookaheadOptions {
  /** The room's clock. */
  now: () => ServerTime;
  /**
   * How far ahead events are handed to the audio engine: enough to cover a late timer
   * tick plus the audio output's own buffering (an event handed over after its audio was
   * rendered can only sound late).
   */
  lookaheadMs?: Millis;
  tickMs?: Millis;
}

/**
 * The look-ahead loop the room's playbacks and its metronome share: while running, every
 * `tickMs` it asks for everything due before now + `lookaheadMs`, so each event reaches
 * the audio engine a little early, with its exact time on the room's clock.
 */
export class Lookahead {
  readonly now: () => ServerTime;
  readonly #lookaheadMs: Millis;
  readonly #tickMs: Millis;
  readonly #handOver: (now: ServerTime, horizon: ServerTime) => void;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** `handOver(now, horizon)` passes on what is due before `horizon`, each event once. */
  constructor(
    { now, lookaheadMs = 150, tickMs = 25 }: LookaheadOptions,
    handOver: (now: ServerTime, horizon: ServerTime) => void,
  ) {
    this.now = now;
    this.#lookaheadMs = lookaheadMs;
    this.#tickMs = tickMs;
    this.#handOver = handOver;
  }

  /** Runs (if it was not) and hands over what is due at once. */
  start(): void {
    this.#timer ??= setInterval(() => this.tick(), this.#tickMs);
    this.tick();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  tick(): void {
    const now = this.now();
    this.#handOver(now, now + this.#lookaheadMs);
  }
}
