import {
  PeerMessageType,
  recordedEvent,
  RECORDING_LIMITS,
  type DisplayName,
  type MidiNote,
  type Metronome,
  type Millis,
  type PeerId,
  type PlayerColor,
  type PlayMessage,
  type RecordedEvent,
  type RecordingTempo,
  type ServerTime,
} from "@nicepiano/protocol";
import type { Take } from "./recorder";

/** A player as the room knows them when their first note is recorded. */
export interface RoomPlayer {
  id: PeerId;
  name: DisplayName;
  color: PlayerColor;
}

interface Track {
  index: number;
  name: DisplayName;
  color: PlayerColor;
  held: Set<MidiNote>;
  pedalDown: boolean;
}

/**
 * The room's tempo for a take starting at `startTime`: where its bars fall when the
 * metronome runs, from the take's start when it does not.
 */
export function tempoOf(metronome: Metronome, startTime: ServerTime): RecordingTempo {
  const { bpm, beatsPerBar, startAt } = metronome;
  const barMs = (beatsPerBar * 60_000) / bpm;
  const sinceStart = startAt === null ? 0 : startAt - startTime;
  // A bar's length less a hair: `% barMs` of a float can land on barMs itself.
  const downbeatMs = ((sinceStart % barMs) + barMs) % barMs;
  return { bpm, beatsPerBar, downbeatMs: downbeatMs >= barMs ? 0 : downbeatMs };
}

/**
 * Records the whole room as one take: each player a track (their name and colour), each
 * event placed where its player played it on the room's clock (the `t` every message
 * carries), not when it reached this page, so the take keeps the room's timing whatever
 * each connection's delay. Owns no timer, and is told the room's time.
 */
export class RoomRecorder {
  #startTime: ServerTime | undefined;
  #tempo: RecordingTempo | undefined;
  #events: RecordedEvent[] = [];
  #heldCount = 0;
  readonly #tracks = new Map<PeerId, Track>();

  get recording(): boolean {
    return this.#startTime !== undefined;
  }

  /** The players recorded so far. */
  get playerCount(): number {
    return this.#tracks.size;
  }

  elapsedMs(roomNow: ServerTime): Millis {
    return this.#startTime === undefined ? 0 : Math.max(0, roomNow - this.#startTime);
  }

  start(roomNow: ServerTime, metronome: Metronome): void {
    this.#startTime = roomNow;
    this.#tempo = tempoOf(metronome, roomNow);
    this.#events = [];
    this.#heldCount = 0;
    this.#tracks.clear();
  }

  /**
   * Adds what `player` played. Returns false once the take is full (the event limit or
   * the longest duration): the caller should stop. A note struck before the take began
   * (arriving late) is left out, as is its release; a player beyond the most a recording
   * holds is not recorded.
   */
  capture(player: RoomPlayer, message: PlayMessage, roomNow: ServerTime): boolean {
    if (this.#startTime === undefined) return false;
    const elapsed = roomNow - this.#startTime;
    if (elapsed > RECORDING_LIMITS.durationMs) return false;
    if (this.#events.length + this.#heldCount + 2 > RECORDING_LIMITS.events) return false;
    const track = this.#trackOf(player);
    const sinceStart = message.t - this.#startTime;
    if (!track || sinceStart < 0) return true;
    // A clock that runs ahead cannot put a note after now.
    const at = Math.min(sinceStart, elapsed);
    switch (message.type) {
      case PeerMessageType.NoteOn:
        if (!track.held.has(message.note)) this.#heldCount++;
        track.held.add(message.note);
        this.#events.push(
          recordedEvent(at, message.type, message.note, message.velocity, track.index),
        );
        break;
      case PeerMessageType.NoteOff:
        if (!track.held.delete(message.note)) return true;
        this.#heldCount--;
        this.#events.push(
          recordedEvent(at, message.type, message.note, message.velocity, track.index),
        );
        break;
      case PeerMessageType.Pedal:
        if (message.down === track.pedalDown) return true;
        track.pedalDown = message.down;
        this.#events.push(recordedEvent(at, message.type, message.down ? 1 : 0, 0, track.index));
        break;
    }
    return true;
  }

  /** The take so far, as if it ended at `roomNow`: keys and pedals still down let go there. */
  snapshot(roomNow: ServerTime): Take {
    const startTime = this.#startTime ?? roomNow;
    const durationMs = Math.min(this.elapsedMs(roomNow), RECORDING_LIMITS.durationMs);
    // Players' events arrive in their own order, each late by its own path: sort by when
    // they were played (a stable sort keeps each player's order at one instant).
    const events = [...this.#events].sort((x, y) => x[0] - y[0]);
    const end = Math.max(durationMs, events.at(-1)?.[0] ?? 0);
    const tracks = [...this.#tracks.values()];
    for (const track of tracks) {
      for (const note of track.held)
        events.push(recordedEvent(end, PeerMessageType.NoteOff, note, 0, track.index));
      if (track.pedalDown)
        events.push(recordedEvent(end, PeerMessageType.Pedal, 0, 0, track.index));
    }
    return {
      startTime,
      endTime: startTime + end,
      events,
      ...(tracks.length > 0 ? { tracks: tracks.map(({ name, color }) => ({ name, color })) } : {}),
      ...(this.#tempo ? { tempo: this.#tempo } : {}),
    };
  }

  stop(roomNow: ServerTime): Take {
    const take = this.snapshot(roomNow);
    this.#startTime = undefined;
    this.#events = [];
    this.#tracks.clear();
    this.#heldCount = 0;
    return take;
  }

  #trackOf(player: RoomPlayer): Track | undefined {
    let track = this.#tracks.get(player.id);
    if (!track && this.#tracks.size < RECORDING_LIMITS.tracks) {
      const { name, color } = player;
      track = { index: this.#tracks.size, name, color, held: new Set(), pedalDown: false };
      this.#tracks.set(player.id, track);
    }
    return track;
  }
}
