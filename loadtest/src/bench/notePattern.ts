import { PeerMessageType, type MidiNote, type PlayMessage } from "@nicepiano/protocol";
import type { Held } from "./benchPeerMessages";

/**
 * The lossy benchmark's playing, step by step: what a player sends at step `i` given
 * what it holds, and how it ends holding exactly `hold`. A note each step, let go at the
 * next; every 8th step a chord of three; the pedal down every 20 steps, up 10 later. The
 * note-offs and pedal-ups are the messages whose loss would leave something stuck.
 */
export class NotePattern {
  readonly #base: number;
  readonly #held = new Set<MidiNote>();

  constructor(base: number) {
    this.#base = base;
  }

  step(i: number, t: number): PlayMessage[] {
    const root = this.#base + ((i * 5) % 12);
    const keys = i % 8 === 7 ? [root, root + 4, root + 7] : [root];
    const messages = this.#releaseAllBut([], t);
    for (const note of keys) messages.push(this.#press(note, t));
    if (i % 20 === 0) messages.push(this.#setPedal(true, t));
    if (i % 20 === 10) messages.push(this.#setPedal(false, t));
    return messages;
  }

  /** What ends the phrase: every other key let go, `hold`'s keys pressed, its pedal set. */
  end(hold: Held, t: number): PlayMessage[] {
    const keys = hold.keys;
    const messages = this.#releaseAllBut(keys, t);
    for (const note of keys) if (!this.#held.has(note)) messages.push(this.#press(note, t));
    messages.push(this.#setPedal(hold.pedal, t));
    return messages;
  }

  #releaseAllBut(keep: MidiNote[], t: number): PlayMessage[] {
    const messages: PlayMessage[] = [];
    for (const note of [...this.#held]) {
      if (keep.includes(note)) continue;
      this.#held.delete(note);
      messages.push({ type: PeerMessageType.NoteOff, note, velocity: 0, t });
    }
    return messages;
  }

  #press(note: MidiNote, t: number): PlayMessage {
    this.#held.add(note);
    return { type: PeerMessageType.NoteOn, note, velocity: 80, t };
  }

  #setPedal(down: boolean, t: number): PlayMessage {
    return { type: PeerMessageType.Pedal, down, t };
  }
}
