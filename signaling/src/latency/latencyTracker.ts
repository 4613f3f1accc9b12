import type { LatencyTable, Millis, PeerId } from "@nicepiano/protocol";

/** How many recent samples the reported round trip is the median of. */
const WINDOW = 5;
/** How long what is known of a member away (its connection lost) waits for it to return. */
export const AWAY_KEPT_MS: Millis = 60_000;

/** What is known of one client's round trip. */
interface Measured {
  samples: Millis[];
  /** Their median, rounded: worked out as each sample comes, read far more often. */
  rtt: Millis;
  /** Rounds between its pings (the pinger's pace for it), if it has been pinged. */
  pingEveryRounds?: number;
}

/**
 * Keeps each client's recent round trips to the server and reports their median, which
 * shrugs off a single late pong, and the pace it is pinged at. A member whose connection
 * dropped keeps both for a while (`away`): back on a new connection, it is pinged at its
 * pace rather than from the start. Takes samples through `record`; owns no socket or timer.
 */
export class LatencyTracker {
  readonly #measured = new Map<PeerId, Measured>();
  /** Members away, and since when: oldest first (each is put last when it goes away). */
  readonly #away = new Map<PeerId, Millis>();

  record(peer: PeerId, rttMs: Millis): void {
    const measured = this.#measured.get(peer) ?? { samples: [], rtt: 0 };
    measured.samples.push(rttMs);
    if (measured.samples.length > WINDOW) measured.samples.shift();
    const sorted = [...measured.samples].sort((a, b) => a - b);
    measured.rtt = Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
    this.#measured.set(peer, measured);
    this.#away.delete(peer);
  }

  /** The median of the recent samples, rounded to 0.1 ms; undefined before the first. */
  rttOf(peer: PeerId): Millis | undefined {
    return this.#measured.get(peer)?.rtt;
  }

  /** The round trips of those `peers` that have one. */
  table(peers: Iterable<PeerId>): LatencyTable {
    const table: LatencyTable = {};
    for (const peer of peers) {
      const rtt = this.rttOf(peer);
      if (rtt !== undefined) table[peer] = rtt;
    }
    return table;
  }

  /** Rounds between `peer`'s pings as last set (kept while it is away), if any. */
  pingEveryRoundsOf(peer: PeerId): number | undefined {
    return this.#measured.get(peer)?.pingEveryRounds;
  }

  /** Keeps the pace of a peer that has a round trip. */
  setPingEveryRounds(peer: PeerId, rounds: number): void {
    const measured = this.#measured.get(peer);
    if (measured) measured.pingEveryRounds = rounds;
  }

  /**
   * `peer` lost its connection and may come back: what is known of it is kept until
   * `forgetAway` finds it away for `AWAY_KEPT_MS`, or it is measured again.
   */
  away(peer: PeerId, now: Millis = performance.now()): void {
    if (!this.#measured.has(peer)) return;
    this.#away.delete(peer);
    this.#away.set(peer, now);
  }

  /** Forgets the peers away for `AWAY_KEPT_MS` or longer at `now`. */
  forgetAway(now: Millis = performance.now()): void {
    for (const [peer, since] of this.#away) {
      if (now - since < AWAY_KEPT_MS) return;
      this.forget(peer);
    }
  }

  forget(peer: PeerId): void {
    this.#measured.delete(peer);
    this.#away.delete(peer);
  }
}
