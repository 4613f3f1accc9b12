import type { Millis, PeerId, PlayMessage, ServerTime } from "@nicepiano/protocol";

/**
 * How this listener plays the others' notes: at once ("immediate", the lowest latency),
 * or each player's notes held back by a small delay sized from how late that player's
 * notes arrive ("steady"), so their rhythm comes through as they played it.
 */
export type TimingMode = "immediate" | "steady";

/** A steady delay never exceeds this: past it, playing together is lost anyway. */
const MAX_DELAY_MS = 150;
/** Kept above the latest lateness seen, for the audio hand-over. */
const MARGIN_MS = 3;
/** Share of the way back towards the recent lateness each note, once the network calms. */
const EASE = 0.01;
const WINDOW = 64;
/** The longest a note is ever held back, whatever its time says. */
const MAX_HOLD_MS = 1000;

/**
 * One player's steady delay: it rises at once to cover any note that came later than
 * it (that note still sounds on time), and eases back slowly towards the recent 95th
 * percentile, so it changes rarely and by little: the spacing of notes stays as played.
 */
export class SteadyDelay {
  readonly #recent: Millis[] = [];
  #delay: Millis = 0;

  /** A note came `lateMs` after it was played (room clock). */
  add(lateMs: Millis): void {
    const late = Math.min(Math.max(0, lateMs), MAX_DELAY_MS);
    this.#recent.push(late);
    if (this.#recent.length > WINDOW) this.#recent.shift();
    if (late + MARGIN_MS > this.#delay) {
      this.#delay = Math.min(late + MARGIN_MS, MAX_DELAY_MS);
      return;
    }
    const sorted = [...this.#recent].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))]!;
    this.#delay -= (this.#delay - (p95 + MARGIN_MS)) * EASE;
  }

  get delayMs(): Millis {
    return this.#delay;
  }
}

/** When each remote note sounds, by this listener's timing mode. */
export class RemoteTiming {
  mode: TimingMode = "immediate";
  readonly #now: () => ServerTime;
  readonly #audioTimeIn: (inMs: Millis) => number;
  readonly #delays = new Map<PeerId, SteadyDelay>();

  /** `now` is the room's clock; `audioTimeIn` maps "in ms from now" to the audio clock. */
  constructor(now: () => ServerTime, audioTimeIn: (inMs: Millis) => number) {
    this.#now = now;
    this.#audioTimeIn = audioTimeIn;
  }

  /**
   * When `message` from `peer` should sound: undefined for at once. Learns how late the
   * peer's notes arrive in either mode, so a switch to steady starts well sized.
   */
  when(peer: PeerId, message: PlayMessage): { time: number; inMs: Millis } | undefined {
    let delay = this.#delays.get(peer);
    if (!delay) {
      delay = new SteadyDelay();
      this.#delays.set(peer, delay);
    }
    const now = this.#now();
    delay.add(now - message.t);
    if (this.mode === "immediate") return undefined;
    // A note stamped in the future (a clock gone wrong, a hostile player) is held back a
    // moment at most, never scheduled for later.
    const inMs = Math.min(message.t + delay.delayMs - now, MAX_HOLD_MS);
    if (inMs <= 0) return undefined;
    return { time: this.#audioTimeIn(inMs), inMs };
  }

  /** The steady delay `peer`'s notes get (or would get), once any has arrived. */
  delayOf(peer: PeerId): Millis | undefined {
    return this.#delays.get(peer)?.delayMs;
  }

  forget(peer: PeerId): void {
    this.#delays.delete(peer);
  }
}
