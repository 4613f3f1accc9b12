import type { LatencyTable, Millis, PeerId } from "@nicepiano/protocol";

/** How many recent samples the reported round trip is the median of. */
const WINDOW = 5;

/**
 * Keeps each client's recent round trips to the server and reports their median, which
 * shrugs off a single late pong. Takes samples through `record`; owns no socket or timer.
 */
export class LatencyTracker {
  readonly #samples = new Map<PeerId, Millis[]>();

  record(peer: PeerId, rttMs: Millis): void {
    const samples = this.#samples.get(peer) ?? [];
    samples.push(rttMs);
    if (samples.length > WINDOW) samples.shift();
    this.#samples.set(peer, samples);
  }

  /** The median of the recent samples, rounded to 0.1 ms; undefined before the first. */
  rttOf(peer: PeerId): Millis | undefined {
    const samples = this.#samples.get(peer);
    if (!samples || samples.length === 0) return undefined;
    const sorted = [...samples].sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10;
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

  forget(peer: PeerId): void {
    this.#samples.delete(peer);
  }
}
