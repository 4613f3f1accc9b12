import type { Millis } from "@nicepiano/protocol";

export interface ReconnectPolicyOptions {
  /** The wait before the first retry. */
  firstMs: Millis;
  /** The longest wait: doubling stops here. */
  maxMs: Millis;
  /** Share of each wait taken off at random (0–1): 0.5 waits between half and all of it. */
  jitter: number;
  /** 0 to 1 (Math.random by default). */
  random?: () => number;
}

/**
 * How long to wait before trying again: doubling from `firstMs` up to `maxMs`, each wait
 * shortened by a random share up to `jitter`, so that many clients cut off at once (a
 * server restart, a Wi-Fi blip in a classroom) do not all come back in the same instant.
 * One policy for the socket, the peer connections and rejoining a room.
 */
export class ReconnectPolicy {
  readonly firstMs: Millis;
  readonly maxMs: Millis;
  readonly jitter: number;
  readonly #random: () => number;

  constructor({ firstMs, maxMs, jitter, random = Math.random }: ReconnectPolicyOptions) {
    this.firstMs = firstMs;
    this.maxMs = maxMs;
    this.jitter = jitter;
    this.#random = random;
  }

  /** The wait before retry number `attempt` (0: the first). */
  nextDelayMs(attempt: number): Millis {
    const full = Math.min(this.maxMs, this.firstMs * 2 ** attempt);
    return full * (1 - this.jitter * this.#random());
  }
}

/** The room's connections: the socket, rejoining after a reconnect. */
export const ROOM_RECONNECT = new ReconnectPolicy({ firstMs: 500, maxMs: 5000, jitter: 0.5 });
/** A broken peer connection, started again by the side that started it. */
export const PEER_RECONNECT = new ReconnectPolicy({ firstMs: 1000, maxMs: 30_000, jitter: 0.5 });
