import { fullTokenBucket, type PeerId, type TokenBucket } from "@nicepiano/protocol";

/**
 * How many pings a peer gets answered: a peer pings every couple of seconds, so a few a
 * second is plenty; past that a flooding peer gets nothing back (each answer is a send
 * on this page's channel).
 */
const PONGS = { perSecond: 2, burst: 5 };

/** Each peer's allowance of pongs. */
export class PongBudget {
  readonly #buckets = new Map<PeerId, TokenBucket>();

  /** Whether a ping from `peer` may be answered now. */
  take(peer: PeerId): boolean {
    let bucket = this.#buckets.get(peer);
    if (!bucket) {
      bucket = fullTokenBucket(PONGS);
      this.#buckets.set(peer, bucket);
    }
    return bucket.tryRemoveTokens(1);
  }

  forget(peer: PeerId): void {
    this.#buckets.delete(peer);
  }
}
