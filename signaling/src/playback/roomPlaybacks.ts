import {
  LIMITS,
  type PeerId,
  type Playback,
  type Recording,
  type RoomName,
} from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { Logger } from "../logger";
import type { PlaybackAnnouncement, SignalingServer } from "../types";
import { PlaybackRegistry } from "./playbackRegistry";
import type { RecordingsInPlay } from "./recordingsInPlay";

/**
 * The playbacks of every room, the same on every instance: a start or a stop on one is
 * passed to the others, so a newcomer anywhere joins in and anyone anywhere can stop it.
 * A start is passed without its events: each instance reads the recording once
 * (`RecordingsInPlay`) and tells its own sockets, as it tells them when a playback ends
 * (its timers run everywhere).
 */
export class RoomPlaybacks {
  readonly #io: SignalingServer;
  readonly #cluster: Cluster;
  readonly #registry: PlaybackRegistry;
  readonly #recordings: RecordingsInPlay;
  readonly #logger: Logger;
  /** Playbacks heard of whose recording is still being read; false once stopped meanwhile. */
  readonly #loading = new Map<string, boolean>();

  constructor(io: SignalingServer, cluster: Cluster, recordings: RecordingsInPlay, logger: Logger) {
    this.#io = io;
    this.#cluster = cluster;
    this.#recordings = recordings;
    this.#logger = logger;
    this.#registry = new PlaybackRegistry((room, playback) => {
      recordings.release(playback.recordingId);
      io.local.to(room).emit("playbackStopped", playback.id);
    });
    cluster.hear("playbackStarted", (room, announced) => void this.#heard(room, announced));
    cluster.hear("playbackEnded", (room, id) => {
      if (this.#loading.has(id)) this.#loading.set(id, false);
      else this.#registry.end(room, id);
    });
  }

  /**
   * Starts `playback` of `recording`, which `RecordingsInPlay.hold` holds for it (let go
   * when it ends), in `room` on every instance. Returns it with its events.
   */
  start(
    room: RoomName,
    playback: Omit<Playback, "events" | "tracks">,
    recording: Recording,
  ): Playback {
    const started = withEvents(playback, recording);
    this.#begin(room, started);
    this.#cluster.tell("playbackStarted", room, { ...playback, owner: recording.owner });
    return started;
  }

  /** Stops a playback for the whole room; false if there is no such playback there. */
  stop(room: RoomName, playbackId: string): boolean {
    if (!this.#registry.end(room, playbackId)) return false;
    this.#cluster.tell("playbackEnded", room, playbackId);
    return true;
  }

  /** Stops every playback `peer` started in `room` (they left). */
  stopAllBy(room: RoomName, peer: PeerId): void {
    for (const playback of this.inRoom(room)) {
      if (playback.by === peer) this.stop(room, playback.id);
    }
  }

  /** Why `member` may not start another playback in `room` now, or null. */
  refusal(room: RoomName, member: PeerId): "already-playing" | "room-playback-limit" | null {
    const playing = this.inRoom(room);
    const theirs = playing.filter((playback) => playback.by === member).length;
    if (theirs >= LIMITS.playbacksPerMember) return "already-playing";
    if (playing.length >= LIMITS.playbacksPerRoom) return "room-playback-limit";
    return null;
  }

  /**
   * Ends a playback on this instance only (each instance judges its own copy: see
   * `startOrphanedLoopSweep`).
   */
  endHere(room: RoomName, playbackId: string): void {
    this.#registry.end(room, playbackId);
  }

  inRoom(room: RoomName): Playback[] {
    return this.#registry.inRoom(room);
  }

  /** The rooms with a playback here. */
  rooms(): RoomName[] {
    return this.#registry.rooms();
  }

  close(): void {
    this.#registry.close();
  }

  /** Another instance started a playback: read its recording, then tell the room here. */
  async #heard(room: RoomName, { owner, ...playback }: PlaybackAnnouncement): Promise<void> {
    this.#loading.set(playback.id, true);
    const recording = await this.#recordings
      .hold(owner, playback.recordingId)
      .catch((error: unknown) => {
        this.#logger.warn({ err: error, room, playback: playback.id }, "playback not read");
        return null;
      });
    const stillPlaying = this.#loading.get(playback.id);
    this.#loading.delete(playback.id);
    if (!recording) return;
    if (!stillPlaying) return this.#recordings.release(recording.id);
    this.#begin(room, withEvents(playback, recording));
  }

  /** Lists `playback` in `room` here and tells this instance's sockets in it. */
  #begin(room: RoomName, playback: Playback): void {
    this.#registry.add(room, playback);
    this.#io.local.to(room).emit("playbackStarted", playback);
  }
}

/** The playback with its recording's events (shared, not copied) and tracks. */
function withEvents(
  playback: Omit<Playback, "events" | "tracks">,
  { events, tracks }: Recording,
): Playback {
  return { ...playback, events, ...(tracks ? { tracks } : {}) };
}
