import type { Playback, RoomName } from "@nicepiano/protocol";

/**
 * The playbacks running in each room, as this instance knows them, so that a newcomer
 * joins in and a playback ends when it is over or is stopped. Owns only the
 * end-of-playback timers; `onEnded` tells the room (see `RoomPlaybacks`).
 */
interface Entry {
  playback: Playback;
  timer?: NodeJS.Timeout;
}

export class PlaybackRegistry {
  readonly #rooms = new Map<RoomName, Map<string, Entry>>();
  readonly #onEnded: (room: RoomName, playback: Playback) => void;

  constructor(onEnded: (room: RoomName, playback: Playback) => void) {
    this.#onEnded = onEnded;
  }

  add(room: RoomName, playback: Playback): void {
    const playbacks = this.#rooms.get(room) ?? new Map<string, Entry>();
    this.#rooms.set(room, playbacks);
    const entry: Entry = { playback };
    if (!playback.loop) {
      const endsIn = playback.startAt + playback.durationMs - Date.now();
      entry.timer = setTimeout(() => this.end(room, playback.id), Math.max(0, endsIn));
      entry.timer.unref();
    }
    playbacks.set(playback.id, entry);
  }

  rooms(): RoomName[] {
    return [...this.#rooms.keys()];
  }

  inRoom(room: RoomName): Playback[] {
    return [...(this.#rooms.get(room)?.values() ?? [])].map((entry) => entry.playback);
  }

  /** Ends a playback and tells the room; false if there is no such playback there. */
  end(room: RoomName, playbackId: string): boolean {
    const playbacks = this.#rooms.get(room);
    const entry = playbacks?.get(playbackId);
    if (!playbacks || !entry) return false;
    clearTimeout(entry.timer);
    playbacks.delete(playbackId);
    if (playbacks.size === 0) this.#rooms.delete(room);
    this.#onEnded(room, entry.playback);
    return true;
  }

  /** Clears every timer. Safe to call twice. */
  close(): void {
    for (const playbacks of this.#rooms.values()) {
      for (const entry of playbacks.values()) clearTimeout(entry.timer);
    }
    this.#rooms.clear();
  }
}
