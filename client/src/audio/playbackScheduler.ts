import {
  PeerMessageType,
  type Millis,
  type PeerId,
  type Playback,
  type PlayMessage,
  type ServerTime,
} from "@nicepiano/protocol";
import { Lookahead, type LookaheadOptions } from "./lookahead";

export interface PlaybackSchedulerOptions extends LookaheadOptions {
  /** Plays `message` for `player` at room time `at` (at most `lookaheadMs` from now). */
  onEvent: (player: PeerId, message: PlayMessage, at: ServerTime) => void;
  /** A playback is over (stopped or its single pass ended): release what it held. */
  onEnd: (player: PeerId, playbackId: string) => void;
}

interface Cursor {
  playback: Playback;
  /** Under whom each track's notes are held (track 0: the playback's own player). */
  players: PeerId[];
  pass: number;
  index: number;
}

/** Notes this late are dropped rather than played; releases are always applied. */
const LATE_TOLERANCE_MS = 30;

/**
 * The player id a playback's notes are held under in the shared piano: one per track of
 * a room recording, so two players of the take holding one key each hold it.
 */
export function playbackPlayer(playbackId: string, track = 0): PeerId {
  return track === 0 ? `playback:${playbackId}` : `playback:${playbackId}:${track}`;
}

/** The players of a playback: one per track. */
export function playbackPlayers(playback: Playback): PeerId[] {
  const tracks = Math.max(1, playback.tracks?.length ?? 1);
  return Array.from({ length: tracks }, (_, track) => playbackPlayer(playback.id, track));
}

/**
 * Schedules the events of recordings playing in the room against the room's shared
 * clock: every peer computes the same times from the same start, so all hear them
 * together. A short look-ahead hands events to the audio engine with their exact time.
 */
export class PlaybackScheduler {
  readonly #options: PlaybackSchedulerOptions;
  readonly #lookahead: Lookahead;
  readonly #cursors = new Map<string, Cursor>();

  constructor(options: PlaybackSchedulerOptions) {
    this.#options = options;
    this.#lookahead = new Lookahead(options, (now, horizon) => this.#handOver(now, horizon));
  }

  get playing(): Playback[] {
    return [...this.#cursors.values()].map((cursor) => cursor.playback);
  }

  start(playback: Playback): void {
    if (this.#cursors.has(playback.id)) return;
    const cursor: Cursor = { playback, players: playbackPlayers(playback), pass: 0, index: 0 };
    this.#seek(cursor, this.#options.now());
    this.#cursors.set(playback.id, cursor);
    this.#lookahead.start();
  }

  stop(playbackId: string): void {
    const cursor = this.#cursors.get(playbackId);
    if (!cursor) return;
    this.#cursors.delete(playbackId);
    for (const player of cursor.players) this.#options.onEnd(player, playbackId);
    if (this.#cursors.size === 0) this.#lookahead.stop();
  }

  /** Hands over every event due before now + look-ahead. */
  tick(): void {
    this.#lookahead.tick();
  }

  #handOver(now: ServerTime, horizon: ServerTime): void {
    for (const cursor of [...this.#cursors.values()]) {
      const { playback } = cursor;
      for (;;) {
        const event = playback.events[cursor.index];
        if (!event) {
          if (!playback.loop) {
            if (this.#passEnd(cursor) <= now) this.stop(playback.id);
            break;
          }
          cursor.pass++;
          cursor.index = 0;
          if (playback.events.length === 0 || this.#passEnd(cursor) - playback.durationMs > horizon)
            break;
          continue;
        }
        const at = this.#timeOf(cursor, event[0]);
        if (at > horizon) break;
        cursor.index++;
        const [, type, a, b, track = 0] = event;
        if (type === PeerMessageType.NoteOn && at < now - LATE_TOLERANCE_MS) continue;
        const message: PlayMessage =
          type === PeerMessageType.Pedal
            ? { type, down: a === 1, t: at }
            : { type, note: a, velocity: b, t: at };
        const player = cursor.players[track] ?? cursor.players[0]!;
        this.#options.onEvent(player, message, Math.max(at, now));
      }
    }
  }

  /** Stops everything. Safe to call twice. */
  destroy(): void {
    for (const id of [...this.#cursors.keys()]) this.stop(id);
    this.#lookahead.stop();
  }

  #timeOf(cursor: Cursor, eventAt: Millis): ServerTime {
    return cursor.playback.startAt + cursor.pass * cursor.playback.durationMs + eventAt;
  }

  #passEnd(cursor: Cursor): ServerTime {
    return cursor.playback.startAt + (cursor.pass + 1) * cursor.playback.durationMs;
  }

  /** Joining a playback already under way: start at the current pass and event. */
  #seek(cursor: Cursor, now: ServerTime): void {
    const { playback } = cursor;
    const elapsed = now - playback.startAt;
    if (elapsed <= 0) return;
    cursor.pass = playback.loop ? Math.floor(elapsed / playback.durationMs) : 0;
    const within = elapsed - cursor.pass * playback.durationMs;
    let low = 0;
    let high = playback.events.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (playback.events[middle]![0] < within - LATE_TOLERANCE_MS) low = middle + 1;
      else high = middle;
    }
    cursor.index = low;
  }
}
