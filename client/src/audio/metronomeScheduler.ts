import type { Metronome, Millis, ServerTime } from "@nicepiano/protocol";
import { beatsBetween, type Beat } from "./metronomeBeats";

export interface MetronomeSchedulerOptions {
  /** The room's clock. */
  now: () => ServerTime;
  /** Sounds `beat` (at most `lookaheadMs` ahead). */
  onBeat: (beat: Beat) => void;
  lookaheadMs?: Millis;
  tickMs?: Millis;
}

/**
 * Hands the room metronome's beats to the audio engine a little ahead of time, each
 * once, as the settings change (started, stopped, a new tempo). Like the playback
 * scheduler, it computes from the shared clock, so every page clicks together.
 */
export class MetronomeScheduler {
  readonly #options: Required<MetronomeSchedulerOptions>;
  #metronome: Metronome | undefined;
  /** Beats before this time have been handed over. */
  #until: ServerTime = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: MetronomeSchedulerOptions) {
    this.#options = { lookaheadMs: 150, tickMs: 25, ...options };
  }

  /** The room's metronome now; a stopped one (no start) stops the clicks. */
  set(metronome: Metronome): void {
    const was = this.#metronome;
    this.#metronome = metronome;
    // Same start and tempo: the beats already handed over stand.
    const same = was && was.startAt === metronome.startAt && was.bpm === metronome.bpm;
    if (!same) this.#until = this.#options.now();
    if (metronome.startAt === null) {
      clearInterval(this.#timer);
      this.#timer = undefined;
      return;
    }
    this.#timer ??= setInterval(() => this.tick(), this.#options.tickMs);
    this.tick();
  }

  tick(): void {
    if (!this.#metronome) return;
    const horizon = this.#options.now() + this.#options.lookaheadMs;
    for (const beat of beatsBetween(this.#metronome, this.#until, horizon)) {
      this.#options.onBeat(beat);
    }
    this.#until = Math.max(this.#until, horizon);
  }

  /** Stops. Safe to call twice. */
  destroy(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#metronome = undefined;
  }
}
