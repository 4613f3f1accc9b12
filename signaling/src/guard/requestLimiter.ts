import { fullTokenBucket, type TokenBucket } from "@nicepiano/protocol";
import ipaddr from "ipaddr.js";
import { LRUCache } from "lru-cache";
import { addressRateFor, rateFor, type LimitKind } from "./rateLimits";

/** How many client addresses' buckets are kept (least recently used go first). */
const MAX_ADDRESSES = 100_000;
/** An address idle this long starts again with full buckets. */
const ADDRESS_IDLE_MS = 10 * 60_000;

/**
 * Token buckets for one client's requests: its own, under its address's (shared by every
 * socket and HTTP request from there), so neither one socket nor many from one address
 * can flood. Made by `RequestLimiter.forClient`.
 */
export class ClientLimits {
  readonly #own = new Map<string, TokenBucket>();
  readonly #address: ((kind: LimitKind) => TokenBucket) | null;

  constructor(address: ((kind: LimitKind) => TokenBucket) | null) {
    this.#address = address;
  }

  /** Takes one request of `kind`; false when over the limit (nothing is taken then). */
  take(kind: LimitKind, guest: boolean): boolean {
    const key = `${kind}:${guest}`;
    let bucket = this.#own.get(key);
    if (!bucket) {
      bucket = fullTokenBucket(rateFor(kind, guest), this.#address?.(kind));
      this.#own.set(key, bucket);
    }
    return bucket.tryRemoveTokens(1);
  }
}

export interface RequestLimiterOptions {
  /** Addresses without an address-wide limit (a load tester's, a trusted proxy's). */
  exempt?: Iterable<string>;
}

/** Hands out each client's buckets and keeps every address's. */
export class RequestLimiter {
  readonly #addresses = new LRUCache<string, Map<LimitKind, TokenBucket>>({
    max: MAX_ADDRESSES,
    ttl: ADDRESS_IDLE_MS,
    updateAgeOnGet: true,
  });
  readonly #exempt: ReadonlySet<string>;

  constructor({ exempt = [] }: RequestLimiterOptions = {}) {
    this.#exempt = new Set([...exempt].map(plainAddress));
  }

  /** The buckets of a new client (a socket, or one HTTP request) from `address`. */
  forClient(address: string): ClientLimits {
    if (this.#exempt.has(plainAddress(address))) return new ClientLimits(null);
    const key = limitKey(address);
    return new ClientLimits((kind) => this.#addressBucket(key, kind));
  }

  /** Takes one request of `kind` from `address` alone (HTTP requests have no socket). */
  take(address: string, kind: LimitKind): boolean {
    if (this.#exempt.has(plainAddress(address))) return true;
    return this.#addressBucket(limitKey(address), kind).tryRemoveTokens(1);
  }

  #addressBucket(address: string, kind: LimitKind): TokenBucket {
    let buckets = this.#addresses.get(address);
    if (!buckets) {
      buckets = new Map();
      this.#addresses.set(address, buckets);
    }
    let bucket = buckets.get(kind);
    if (!bucket) {
      bucket = fullTokenBucket(addressRateFor(kind));
      buckets.set(kind, bucket);
    }
    return bucket;
  }
}

/** An IPv4 client of a dual-stack server shows as `::ffff:1.2.3.4`: one address either way. */
export function plainAddress(address: string): string {
  return address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
}

/**
 * Whose budget a request counts against: an IPv4 address, or an IPv6 address's /64. One
 * home or phone gets a whole /64 and picks any address in it at will, so counting each
 * address would give it billions of budgets.
 */
export function limitKey(address: string): string {
  const plain = plainAddress(address);
  if (!ipaddr.IPv6.isValid(plain)) return plain;
  const parts = ipaddr.IPv6.parse(plain).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(":")}::/64`;
}
