import type { Recording, RecordingId } from "@nicepiano/protocol";
import type { RecordingStore } from "../recordings/recordingStore";

interface Held {
  recording: Promise<Recording | null>;
  /** The playbacks using it, here: it is let go when none is left. */
  playbacks: number;
}

/**
 * The recordings playing in some room, each read from the store once on this instance
 * however many playbacks use it, and kept only while one does. The instances pass each
 * other a playback without its events (`PlaybackAnnouncement`): each holds its own copy.
 */
export class RecordingsInPlay {
  readonly #held = new Map<RecordingId, Held>();
  readonly #store: RecordingStore;

  constructor(store: RecordingStore) {
    this.#store = store;
  }

  /**
   * `owner`'s recording `id`, held for one more playback until `release(id)`; null (and
   * nothing held) if they have no such recording.
   */
  async hold(owner: string, id: RecordingId): Promise<Recording | null> {
    let held = this.#held.get(id);
    if (!held) {
      held = { recording: this.#store.get(owner, id), playbacks: 0 };
      this.#held.set(id, held);
    }
    held.playbacks += 1;
    try {
      const recording = await held.recording;
      if (recording?.owner === owner) return recording;
    } catch (error) {
      this.release(id);
      throw error;
    }
    this.release(id);
    return null;
  }

  /** One playback of `id` ended. */
  release(id: RecordingId): void {
    const held = this.#held.get(id);
    if (!held) return;
    held.playbacks -= 1;
    if (held.playbacks <= 0) this.#held.delete(id);
  }

  /** How many recordings are held (for tests and metrics). */
  get size(): number {
    return this.#held.size;
  }
}
