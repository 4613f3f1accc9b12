import { TokenBucket } from "limiter";

export { TokenBucket };

/** A token bucket's shape: `burst` at once, refilled at `perSecond`. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * A token bucket that starts full (limiter's start empty), under `parentBucket` when
 * given (a take then needs a token from both).
 */
export function fullTokenBucket(
  { perSecond, burst }: Rate,
  parentBucket?: TokenBucket,
): TokenBucket {
  const bucket = new TokenBucket({
    bucketSize: burst,
    tokensPerInterval: perSecond,
    interval: 1000,
    ...(parentBucket ? { parentBucket } : {}),
  });
  bucket.content = burst;
  return bucket;
}
