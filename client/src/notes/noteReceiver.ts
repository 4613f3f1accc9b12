import {
  PeerMessageType,
  type MidiNote,
  type Millis,
  type NoteFrame,
  type PlayMessage,
} from "@nicepiano/protocol";
import { SeqWindow } from "./seqWindow";

/**
 * A note-on that arrives this much later than the sender's notes usually do is not
 * played. At 120 bpm a sixteenth note lasts 125 ms: a note later than most of that lands
 * on the next one and is heard as a wrong note, not a late one. The transport's own
 * repairs come well inside it (a repeat within 10 ms, the following frames within a few
 * tens), so only a long stall of the network is cut.
 */
export const LATE_NOTE_MS: Millis = 100;

/** How many recent frames set what "usually" is: the quickest of them. */
const USUAL_WINDOW = 32;

/**
 * One sender's frames as this receiver takes them: each event once, in its own key's
 * order; a note-on only while it is not too late; and always the sender's state, so a
 * release or pedal-up lost on the way is made good by any later frame.
 */
export class NoteReceiver {
  readonly #now: () => Millis;
  readonly #seen = new SeqWindow();
  /** Per key (and for the pedal), the number of the newest event or state applied to it. */
  readonly #keySeq = new Map<MidiNote, number>();
  #pedalSeq = -1;
  /** What this receiver has sounded for the sender and not yet let go. */
  readonly #down = new Set<MidiNote>();
  #pedal = false;
  #newestSeq = -1;
  /** How long after being played (sender's clock, read here) recent newest events arrived. */
  readonly #ages: Millis[] = [];
  #lateNotes = 0;
  readonly #lateNoteMs: Millis;

  /**
   * `now` is this receiver's clock; any steady one works, lateness is relative.
   * `lateNoteMs`: past it a note-on is not played (Infinity plays every one, as the
   * first design did).
   */
  constructor(now: () => Millis = () => performance.now(), lateNoteMs = LATE_NOTE_MS) {
    this.#now = now;
    this.#lateNoteMs = lateNoteMs;
  }

  /** What `frame` changes, to apply in order. */
  take(frame: NoteFrame): PlayMessage[] {
    const now = this.#now();
    const newest = frame.events.at(-1)!;
    if (newest.seq > this.#newestSeq) {
      this.#newestSeq = newest.seq;
      this.#ages.push(now - newest.message.t);
      if (this.#ages.length > USUAL_WINDOW) this.#ages.shift();
    }
    const usual = Math.min(...this.#ages);
    const out: PlayMessage[] = [];
    for (const { seq, message } of frame.events) {
      if (!this.#seen.accept(seq)) continue;
      const played = this.#event(seq, message, now - message.t - usual);
      if (played) out.push(played);
    }
    if (frame.state) this.#repair(frame.state, newest.seq, newest.message.t, out);
    return out;
  }

  /** Note-ons not played because they came too late, since the start. */
  get lateNotes(): number {
    return this.#lateNotes;
  }

  /** The keys this receiver holds down for the sender, ascending. */
  get held(): { keys: MidiNote[]; pedal: boolean } {
    return { keys: [...this.#down].sort((a, b) => a - b), pedal: this.#pedal };
  }

  #event(seq: number, message: PlayMessage, lateMs: Millis): PlayMessage | undefined {
    if (message.type === PeerMessageType.Pedal) {
      if (seq < this.#pedalSeq) return undefined; // newer news of the pedal came first
      this.#pedalSeq = seq;
      if (message.down === this.#pedal) return undefined;
      this.#pedal = message.down;
      return message;
    }
    const { note } = message;
    if (seq < (this.#keySeq.get(note) ?? -1)) return undefined;
    this.#keySeq.set(note, seq);
    if (message.type === PeerMessageType.NoteOff) {
      this.#down.delete(note);
      return message; // a release of a key not sounding here changes nothing, and harms none
    }
    if (lateMs > this.#lateNoteMs) {
      this.#lateNotes++;
      return undefined;
    }
    this.#down.add(note);
    return message;
  }

  /**
   * The sender's state as of event `seq`: a key held here that it no longer holds is let
   * go, and the pedal follows it, unless newer news of that key came first. A key it holds
   * that does not sound here stays silent: its note-on is lost or was too late, and when
   * it was played is not known.
   */
  #repair(
    state: NonNullable<NoteFrame["state"]>,
    seq: number,
    t: number,
    out: PlayMessage[],
  ): void {
    const holds = new Set(state.keys);
    for (const note of [...this.#down]) {
      if (holds.has(note) || (this.#keySeq.get(note) ?? -1) > seq) continue;
      this.#down.delete(note);
      this.#keySeq.set(note, seq);
      out.push({ type: PeerMessageType.NoteOff, note, velocity: 0, t });
    }
    if (this.#pedalSeq <= seq && state.pedal !== this.#pedal) {
      this.#pedal = state.pedal;
      this.#pedalSeq = seq;
      out.push({ type: PeerMessageType.Pedal, down: state.pedal, t });
    }
  }
}
