import type { Millis, NoteFrame, PeerId, PlayMessage } from "@nicepiano/protocol";
import { NoteReceiver } from "./noteReceiver";

/**
 * Every sender's notes as this client takes them, whichever path their frames came by
 * (data channel, server relay, listener feed): one receiver a sender, so a frame that
 * comes twice, or by two paths, plays once.
 */
export class NoteInbox {
  readonly #receivers = new Map<PeerId, NoteReceiver>();
  readonly #now: (() => Millis) | undefined;
  readonly #lateNoteMs: Millis | undefined;

  /** `now` and `lateNoteMs` as for each NoteReceiver. */
  constructor(now?: () => Millis, lateNoteMs?: Millis) {
    this.#now = now;
    this.#lateNoteMs = lateNoteMs;
  }

  /** What `frame` from `from` changes, to apply in order. */
  take(from: PeerId, frame: NoteFrame): PlayMessage[] {
    let receiver = this.#receivers.get(from);
    if (!receiver) {
      receiver = new NoteReceiver(this.#now, this.#lateNoteMs);
      this.#receivers.set(from, receiver);
    }
    return receiver.take(frame);
  }

  /** Note-ons not played because they came too late, from anyone, since the start. */
  get lateNotes(): number {
    let late = 0;
    for (const receiver of this.#receivers.values()) late += receiver.lateNotes;
    return late;
  }

  /** `from` left: its next frames start afresh. */
  forget(from: PeerId): void {
    this.#receivers.delete(from);
  }

  clear(): void {
    this.#receivers.clear();
  }
}
