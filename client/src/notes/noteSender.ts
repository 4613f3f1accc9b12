import {
  encodeNoteFrame,
  MAX_EVENT_AGE_MS,
  MAX_FRAME_EVENTS,
  type Millis,
  type NumberedEvent,
  type PlayMessage,
} from "@nicepiano/protocol";
import { HeldKeys } from "./heldState";

/** How a sender makes up for a path that loses frames. */
export interface SenderPolicy {
  /** Earlier events every frame carries besides its newest (RFC 2198's redundancy)... */
  redundantEvents: number;
  /** ...and any other earlier events played this close before the newest: a chord goes whole. */
  redundantWithinMs: Millis;
  /** Whether frames carry the keys and pedal held (the recovery journal). */
  journal: boolean;
  /** After the newest event, its frame goes again this long after it (ascending)... */
  repeatAfterMs: readonly Millis[];
  /** ...and then every so long while anything is held (null: never). */
  heartbeatMs: Millis | null;
}

/**
 * For a channel that neither orders nor retransmits. A lost frame is repaired by the next
 * copy: 10 ms later at the latest while the player plays (that bounds the delay a loss
 * adds), from the following frames' redundancy, and by repeats that space out. Five copies
 * of a note-on leave within 80 ms, inside the receiver's LATE_NOTE_MS: at 5 % loss all five
 * are lost once in 3 million notes (with three, once in 8,000: a note a few runs of the
 * browsers' lossy test). At 20 % loss all nine copies of a last note-off are lost once in
 * 2 million phrases; the journal repairs whatever is left: a lost release never sticks.
 */
export const LOSS_PROOF_POLICY: SenderPolicy = {
  redundantEvents: 2,
  redundantWithinMs: 30,
  journal: true,
  repeatAfterMs: [10, 25, 50, 80, 120, 300, 700, 1500],
  heartbeatMs: 1000,
};

/** One event a frame, nothing repeated: for a reliable channel (the first design). */
export const PLAIN_POLICY: SenderPolicy = {
  redundantEvents: 0,
  redundantWithinMs: 0,
  journal: false,
  repeatAfterMs: [],
  heartbeatMs: null,
};

/**
 * Hands a frame on: `fresh` for a frame with a new event, false for a repeat or a
 * heartbeat, which only a path that can lose frames needs.
 */
export type DeliverFrame = (frame: Uint8Array, fresh: boolean) => void;

/**
 * One player's outgoing notes: numbers each play message, encodes one frame for every
 * path and receiver, and sends it again on the policy's schedule. Owns no transport.
 */
export class NoteSender {
  readonly #deliver: DeliverFrame;
  readonly #policy: SenderPolicy;
  readonly #held = new HeldKeys();
  /** The latest events, oldest first, as many as a frame can carry. */
  #recent: NumberedEvent[] = [];
  #nextSeq = 0;
  #last: Uint8Array | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #destroyed = false;

  constructor(deliver: DeliverFrame, policy: SenderPolicy = LOSS_PROOF_POLICY) {
    this.#deliver = deliver;
    this.#policy = policy;
  }

  send(message: PlayMessage): void {
    if (this.#destroyed) return;
    this.#recent.push({ seq: this.#nextSeq++, message });
    if (this.#recent.length > MAX_FRAME_EVENTS) this.#recent.shift();
    this.#held.apply(message);
    const frame = encodeNoteFrame({
      events: this.#redundantTail(),
      ...(this.#policy.journal ? { state: this.#held.snapshot() } : {}),
    });
    this.#last = frame;
    this.#deliver(frame, true);
    this.#scheduleRepeat(0);
  }

  /** The newest frame sent (to send again on another path after a switch). */
  get lastFrame(): Uint8Array | undefined {
    return this.#last;
  }

  /** Forgets what was played and held (a new room); numbering goes on. */
  reset(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#recent = [];
    this.#held.clear();
    this.#last = undefined;
  }

  /** Stops every timer. Safe to call twice. */
  destroy(): void {
    this.#destroyed = true;
    this.reset();
  }

  /** The newest event and the earlier ones the policy sends with it, oldest first. */
  #redundantTail(): NumberedEvent[] {
    const { redundantEvents, redundantWithinMs } = this.#policy;
    const newest = this.#recent.at(-1)!;
    let first = this.#recent.length - 1;
    while (first > 0) {
      const earlier = this.#recent[first - 1]!;
      const age = newest.message.t - earlier.message.t;
      const wanted = this.#recent.length - first <= redundantEvents || age <= redundantWithinMs;
      if (!wanted || age > MAX_EVENT_AGE_MS) break;
      first--;
    }
    return this.#recent.slice(first);
  }

  /** Sends the last frame again at step `step` of the schedule, then heartbeats. */
  #scheduleRepeat(step: number): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const { repeatAfterMs, heartbeatMs } = this.#policy;
    let waitMs: Millis;
    if (step < repeatAfterMs.length) {
      waitMs = repeatAfterMs[step]! - (step > 0 ? repeatAfterMs[step - 1]! : 0);
    } else if (heartbeatMs !== null && this.#held.holdsAnything) {
      waitMs = heartbeatMs;
    } else {
      return;
    }
    this.#timer = setTimeout(() => {
      if (this.#last) this.#deliver(this.#last, false);
      this.#scheduleRepeat(step + 1);
    }, waitMs);
  }
}
