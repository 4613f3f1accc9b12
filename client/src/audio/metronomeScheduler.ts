import type { Metronome, ServerTime } from "@nicepiano/protocol";
import { Lookahead, type LookaheadOptions } from "./lookahead";
import { beatsBetween, type Beat } from "./metronomeBeats";

export interface MetronomeSchedulerOptions extends LookaheadOptions {
  /** Sounds `beat` (at most `lookaheadMs` ahead). */
  onBeat: (beat: Beat) => void;
}

/**
 * Hands the room metronome's beats to the audio engine a little ahead of time, each
 * once, as the settings change (started, stopped, a new tempo). Like the playback
 * scheduler, it computes from the shared clock, so every page clicks together.
 */
export class MetronomeScheduler {
  readonly #lookahead: Lookahead;
  readonly #onBeat: (beat: Beat) => void;
  #metronome: Metronome | undefined;
  /** Beats before this time have been handed over. */
  #until: ServerTime = 0;

  constructor({ onBeat, ...options }: MetronomeSchedulerOptions) {
    this.#onBeat = onBeat;
    this.#lookahead = new Lookahead(options, (_now, horizon) => this.#handOver(horizon));
  }

  /** The room's metronome now; a stopped one (no start) stops the clicks. */
  set(metronome: Metronome): void {
    const was = this.#metronome;
    this.#metronome = metronome;
    // Same start and tempo: the beats already handed over stand.
    const same = was && was.startAt === metronome.startAt && was.bpm === metronome.bpm;
    if (!same) this.#until = this.#lookahead.now();
    if (metronome.startAt === null) this.#lookahead.stop();
    else this.#lookahead.start();
  }

  tick(): void {
    this.#lookahead.tick();
  }

  /** Stops. Safe to call twice. */
  destroy(): void {
    this.#lookahead.stop();
    this.#metronome = undefined;
  }

  #handOver(horizon: ServerTime): void {
    if (!this.#metronome) return;
    for (const beat of beatsBetween(this.#metronome, this.#until, horizon)) this.#onBeat(beat);
    this.#until = Math.max(this.#until, horizon);
  }
}
