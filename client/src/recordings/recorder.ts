import {
  PeerMessageType,
  RECORDING_LIMITS,
  type MidiNote,
  type Millis,
  type RecordedEvent,
  type RecordingDraft,
  type ServerTime,
} from "@nicepiano/protocol";
import type { InputEvent } from "../input/inputEvent";

/** A take in progress: what `stop` gives back is ready to name and save. */
export type Take = Omit<RecordingDraft, "name">;

/**
 * Captures one player's performance. Times are on the `performance.now()` clock of the
 * input events; the take's start and end are also placed on the room's clock. Owns no
 * timer: the caller decides when to start and stop.
 */
export class Recorder {
  #startedAt: Millis | undefined;
  #startTime: ServerTime = 0;
  #events: RecordedEvent[] = [];
  readonly #held = new Set<MidiNote>();
  #pedalDown = false;

  get recording(): boolean {
    return this.#startedAt !== undefined;
  }

  /** Milliseconds recorded so far at local time `now`. */
  elapsedMs(now: Millis): Millis {
    return this.#startedAt === undefined ? 0 : Math.max(0, now - this.#startedAt);
  }

  start(now: Millis, roomTime: ServerTime): void {
    this.#startedAt = now;
    this.#startTime = roomTime;
    this.#events = [];
    this.#held.clear();
    this.#pedalDown = false;
  }

  /**
   * Adds an input at local time `at`. Returns false once the take is full (the event
   * limit or the longest duration): the caller should stop.
   */
  capture(event: InputEvent, at: Millis): boolean {
    if (this.#startedAt === undefined) return false;
    // Inputs stamped before the start (held across it) count from the start; never go back.
    const previous = this.#events.at(-1)?.[0] ?? 0;
    const offset = Math.max(previous, at - this.#startedAt);
    // One event is kept free for the releases `stop` may add.
    const full = this.#events.length + this.#held.size + 2 > RECORDING_LIMITS.events;
    if (full || offset > RECORDING_LIMITS.durationMs) return false;
    switch (event.kind) {
      case "noteOn":
        this.#held.add(event.note);
        this.#events.push([offset, PeerMessageType.NoteOn, event.note, event.velocity]);
        break;
      case "noteOff":
        // A release of a key pressed before the take began has nothing to end.
        if (!this.#held.delete(event.note)) return true;
        this.#events.push([offset, PeerMessageType.NoteOff, event.note, event.velocity]);
        break;
      case "pedal":
        if (event.down === this.#pedalDown) return true;
        this.#pedalDown = event.down;
        this.#events.push([offset, PeerMessageType.Pedal, event.down ? 1 : 0, 0]);
        break;
    }
    return true;
  }

  /** The take so far, as if it ended at local time `now` (for keeping it safe meanwhile). */
  snapshot(now: Millis): Take {
    const durationMs = Math.min(this.elapsedMs(now), RECORDING_LIMITS.durationMs);
    const end = Math.max(durationMs, this.#events.at(-1)?.[0] ?? 0);
    const events = [...this.#events];
    for (const note of this.#held) events.push([end, PeerMessageType.NoteOff, note, 0]);
    if (this.#pedalDown) events.push([end, PeerMessageType.Pedal, 0, 0]);
    return { startTime: this.#startTime, endTime: this.#startTime + end, events };
  }

  /** Ends the take at local time `now`; keys and pedal still down are released there. */
  stop(now: Millis): Take {
    const take = this.snapshot(now);
    this.#startedAt = undefined;
    this.#events = [];
    this.#held.clear();
    this.#pedalDown = false;
    return take;
  }
}
