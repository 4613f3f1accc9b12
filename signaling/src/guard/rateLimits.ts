import type { ClientToServerEvents, Rate } from "@nicepiano/protocol";

/** What a request counts against: each kind has its own buckets. */
export type LimitKind =
  | "connect"
  | "join"
  | "room"
  | "clock"
  | "signal"
  | "relay"
  | "listeners"
  | "recording"
  | "playback"
  | "probe"
  | "account"
  | "chat";

/**
 * Per socket (and, through `ADDRESS_FACTOR`, per client address) for each kind. Sized
 * from what the web app does at its busiest: joining a room of 16 exchanges ~150 signals
 * at once; a fast player sends ~40 note frames a second to each peer its channel cannot
 * reach; the clock takes 5 samples at join, then one every 2 s.
 */
export const RATE_LIMITS: Record<LimitKind, Rate> = {
  // New connections (counted per address only): a page connects once, and again after a
  // network blip or a server restart.
  connect: { perSecond: 1, burst: 5 },
  join: { perSecond: 1, burst: 10 },
  room: { perSecond: 5, burst: 20 },
  clock: { perSecond: 5, burst: 20 },
  signal: { perSecond: 50, burst: 300 },
  relay: { perSecond: 600, burst: 2000 },
  // The listeners' feed: each frame goes to every listener of the room (100 of them), and
  // a player sends each new event once (no repeats, no per-peer copies).
  listeners: { perSecond: 60, burst: 200 },
  recording: { perSecond: 5, burst: 20 },
  // Starting a playback loads a take and sends it to the whole room (and every instance):
  // a few at once, then one every 5 s.
  playback: { perSecond: 0.2, burst: 3 },
  // /readyz (a store ping) and /metrics (a scrape): a balancer checks every second or
  // two, Prometheus every 15 s.
  probe: { perSecond: 5, burst: 20 },
  // Sign-up, sign-in and token checks: slow enough to make guessing passwords hopeless.
  account: { perSecond: 0.2, burst: 10 },
  // Chat: a few lines at once, then one every 2 s; more is a flood.
  chat: { perSecond: 0.5, burst: 5 },
};

/** Guests (no account) get this share of the joins, recording and account requests. */
export const GUEST_FACTOR = 0.5;
const GUEST_STRICTER = new Set<LimitKind>(["join", "recording", "account"]);

/**
 * Every client address gets this many sockets' worth (a class or a family behind one
 * NAT), shared by all its sockets and HTTP requests; account attempts stay few per address
 * however many sockets it opens.
 */
export const ADDRESS_FACTOR = 8;
const ADDRESS_ACCOUNT_RATE: Rate = { perSecond: 0.5, burst: 20 };

/** The rate shared by everything from one client address. */
export function addressRateFor(kind: LimitKind): Rate {
  if (kind === "account") return ADDRESS_ACCOUNT_RATE;
  const { perSecond, burst } = RATE_LIMITS[kind];
  return { perSecond: perSecond * ADDRESS_FACTOR, burst: burst * ADDRESS_FACTOR };
}

/** The rate for one socket of a guest or of a signed-in player. */
export function rateFor(kind: LimitKind, guest: boolean): Rate {
  const rate = RATE_LIMITS[kind];
  if (!guest || !GUEST_STRICTER.has(kind)) return rate;
  return { perSecond: rate.perSecond * GUEST_FACTOR, burst: Math.ceil(rate.burst * GUEST_FACTOR) };
}

/**
 * Every event a client may send, and what it counts against. A `Record` over the
 * protocol's event map: a new event does not compile until it has a limit.
 */
export const EVENT_LIMITS: Record<keyof ClientToServerEvents, LimitKind> = {
  join: "join",
  leave: "room",
  rename: "room",
  iceServers: "room",
  clock: "clock",
  signal: "signal",
  relay: "relay",
  toListeners: "listeners",
  authenticate: "account",
  play: "playback",
  stopPlayback: "recording",
  control: "room",
  chat: "chat",
  hand: "room",
  iceError: "room",
};

/** The events a server takes: the protocol's, plus any a server built on it adds. */
export function knownEvents(): Map<string, LimitKind> {
  return new Map(Object.entries(EVENT_LIMITS));
}
