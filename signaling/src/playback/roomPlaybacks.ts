import { LIMITS, type PeerId, type Playback, type RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { SignalingServer } from "../types";
import { PlaybackRegistry } from "./playbackRegistry";

/**
 * The playbacks of every room, the same on every instance: a start or a stop on one is
 * passed to the others, so a newcomer anywhere joins in and anyone anywhere can stop it.
 * Each instance tells its own sockets when a playback ends (its timers run everywhere).
 */
export class RoomPlaybacks {
  readonly #io: SignalingServer;
  readonly #cluster: Cluster;
  readonly #registry: PlaybackRegistry;

  constructor(io: SignalingServer, cluster: Cluster) {
    this.#io = io;
    this.#cluster = cluster;
    this.#registry = new PlaybackRegistry((room, id) =>
      io.local.to(room).emit("playbackStopped", id),
    );
    cluster.hear("playbackStarted", (room, playback) => this.#registry.add(room, playback));
    cluster.hear("playbackEnded", (room, id) => this.#registry.end(room, id));
  }

  start(room: RoomName, playback: Playback): void {
    this.#registry.add(room, playback);
    this.#io.to(room).emit("playbackStarted", playback);
    this.#cluster.tell("playbackStarted", room, playback);
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

  inRoom(room: RoomName): Playback[] {
    return this.#registry.inRoom(room);
  }

  close(): void {
    this.#registry.close();
  }
}
