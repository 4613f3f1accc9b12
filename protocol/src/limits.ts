import type { Millis } from "./units";

/** Limits that the server enforces and clients respect. One place, so both sides agree. */
export const LIMITS = {
  /** Longest room name, in characters. */
  roomNameLength: 48,
  /** Longest display name, in characters. */
  displayNameLength: 32,
  /** Largest signal payload (an SDP offer with candidates is ~2–4 KB). */
  signalBytes: 16 * 1024,
  /** Largest HTTP API body but a recording's: credentials, a new name. */
  requestBodyBytes: 4 * 1024,
  /** Largest Socket.IO message the server accepts; signals are the biggest thing sent. */
  socketMessageBytes: 32 * 1024,
  /** Performers in one room: a full mesh of 16 is 120 peer connections. */
  roomMembers: 16,
  /** The most players any server may let into one room (`MAX_ROOM_MEMBERS` at most). */
  largestRoom: 64,
  /** Listeners in one room beyond its players (a class): each note goes to each of them. */
  roomListeners: 100,
  /**
   * Recordings playing in one room at once, and started by one member: each is held in
   * memory on every instance and sent to every member, and a loop runs until stopped.
   */
  playbacksPerRoom: 3,
  playbacksPerMember: 1,
  /** Longest chat message, in characters. */
  chatMessageLength: 500,
  /** The room's latest chat messages, kept for newcomers. */
  chatKept: 50,
  /** Longest room notice, in characters. */
  noticeLength: 200,
} as const;

/** How often the server measures each client's round trip, and how long it waits. */
export const LATENCY_PING_INTERVAL_MS: Millis = 2000;
/**
 * The longest between two latency pings of a member whose round trip holds steady: 30 s,
 * the far end of NTP-style backing off (at 16 s a steady member's pings took a fifth more
 * of a busy instance's CPU: BENCHMARKS.md, musicians per instance, eighth round).
 */
export const LATENCY_PING_MAX_INTERVAL_MS: Millis = 30_000;
export const LATENCY_PING_TIMEOUT_MS: Millis = 5000;
/** How often peers measure their round trip to each other over the data channel. */
export const PEER_PING_INTERVAL_MS: Millis = 2000;
