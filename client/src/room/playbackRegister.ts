import type { Playback } from "@nicepiano/protocol";

/**
 * The room's playbacks as this member last heard of them: each start and each stop
 * passed on once, and the whole brought up to date from a rejoin's answer (what stopped
 * while we were away stops, what started starts).
 */
export class PlaybackRegister {
  readonly #playing = new Set<string>();
  readonly #onStarted: (playback: Playback) => void;
  readonly #onStopped: (id: string) => void;

  constructor(onStarted: (playback: Playback) => void, onStopped: (id: string) => void) {
    this.#onStarted = onStarted;
    this.#onStopped = onStopped;
  }

  started(playback: Playback): void {
    if (this.#playing.has(playback.id)) return;
    this.#playing.add(playback.id);
    this.#onStarted(playback);
  }

  stopped(id: string): void {
    if (this.#playing.delete(id)) this.#onStopped(id);
  }

  /** Exactly `playbacks` are playing now. */
  reconcile(playbacks: Playback[]): void {
    const playing = new Set(playbacks.map((playback) => playback.id));
    for (const id of [...this.#playing]) if (!playing.has(id)) this.stopped(id);
    for (const playback of playbacks) this.started(playback);
  }
}
