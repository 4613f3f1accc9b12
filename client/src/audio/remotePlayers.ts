import {
  fullTokenBucket,
  PeerMessageType,
  type Millis,
  type PeerId,
  type PlayMessage,
  type Rate,
  type RoomSettings,
  type TokenBucket,
} from "@nicepiano/protocol";
import mitt, { type Emitter } from "mitt";
import type { SharedPiano } from "./sharedPiano";
import type { PeerState } from "../mesh/peerMesh";
import type { RemoteTiming } from "./remoteTiming";
import type { SessionEvents } from "../room/sessionEvents";

/** Messages a player may send for long (`perSecond`) and at once (`burst`)... */
export interface FloodLimit extends Rate {
  /** ...and how long one who went over stays muted here. */
  muteMs: Millis;
}

/**
 * A fast pianist sends ~40 messages a second (each note on and off, the pedal); several
 * times that for seconds on end is a broken or hostile client, not playing.
 */
export const PEER_FLOOD_LIMIT: FloodLimit = { perSecond: 200, burst: 400, muteMs: 5000 };

export interface RemotePlayersOptions {
  limit?: FloodLimit;
  /** When each note sounds (steady or immediate); without it, at once. */
  timing?: RemoteTiming;
}

export type RemotePlayerEvents = {
  /** `peer` flooded and is muted here (not for the others) for a while. */
  muted: PeerId;
  unmuted: PeerId;
};

/**
 * The other players' notes on their way to the shared piano, as this listener wants them
 * (each player's volume, the timing mode) and with its own protections: a player who
 * floods notes is muted here for a while, and everything a player holds (keys and pedal)
 * is let go when they leave, when their channel closes (they may be gone for good: better
 * a note cut short than one stuck) and when muted.
 */
export class RemotePlayers {
  readonly events = mitt<RemotePlayerEvents>();
  readonly #piano: Pick<SharedPiano, "apply" | "releaseAll">;
  readonly #limit: FloodLimit;
  readonly #timing: RemoteTiming | undefined;
  /** Each player's volume here, 0–1 (1 when not set). */
  readonly #volumes = new Map<PeerId, number>();
  readonly #buckets = new Map<PeerId, TokenBucket>();
  readonly #muted = new Map<PeerId, ReturnType<typeof setTimeout>>();
  /** Muted for everyone by the room's owner (the room's settings). */
  #mutedByOwner = new Set<PeerId>();
  readonly #detach: () => void;

  constructor(
    session: { events: Emitter<SessionEvents> },
    piano: Pick<SharedPiano, "apply" | "releaseAll">,
    { limit = PEER_FLOOD_LIMIT, timing }: RemotePlayersOptions = {},
  ) {
    this.#piano = piano;
    this.#limit = limit;
    this.#timing = timing;
    const play = ({ from, message }: { from: PeerId; message: PlayMessage }) =>
      this.#play(from, message);
    const left = (peer: PeerId) => this.#forget(peer);
    const state = ({ peer, state }: { peer: PeerId; state: PeerState }) => {
      if (state === "closed") piano.releaseAll(peer);
    };
    const settings = ({ muted }: RoomSettings) => {
      this.#mutedByOwner = new Set(muted);
      for (const peer of muted) piano.releaseAll(peer);
    };
    session.events.on("play", play);
    session.events.on("memberLeft", left);
    session.events.on("peerState", state);
    session.events.on("settings", settings);
    this.#detach = () => {
      session.events.off("play", play);
      session.events.off("memberLeft", left);
      session.events.off("peerState", state);
      session.events.off("settings", settings);
    };
  }

  /** `peer`'s volume here, 0 (silent) to 1 (as played). */
  setVolume(peer: PeerId, volume: number): void {
    this.#volumes.set(peer, Math.min(1, Math.max(0, volume)));
    if (volume <= 0) this.#piano.releaseAll(peer);
  }

  volumeOf(peer: PeerId): number {
    return this.#volumes.get(peer) ?? 1;
  }

  /** Muted here for flooding (not for muting by the owner: see the room's settings). */
  isMuted(peer: PeerId): boolean {
    return this.#muted.has(peer);
  }

  /** Stops listening and forgets every player. Safe to call twice. */
  destroy(): void {
    this.#detach();
    for (const timer of this.#muted.values()) clearTimeout(timer);
    this.#muted.clear();
    this.#buckets.clear();
    this.events.all.clear();
  }

  #play(from: PeerId, message: PlayMessage): void {
    if (this.#muted.has(from) || this.#mutedByOwner.has(from)) return;
    if (this.#bucketOf(from).tryRemoveTokens(1)) {
      const later = this.#timing?.when(from, message);
      if (message.type !== PeerMessageType.NoteOn) return this.#piano.apply(from, message, later);
      // Quieter by this listener's choice; silent keeps nothing held (releases still pass).
      const volume = this.volumeOf(from);
      if (volume === 0) return;
      const velocity = Math.max(1, Math.round(message.velocity * volume));
      this.#piano.apply(from, { ...message, velocity }, later);
      return;
    }
    this.#piano.releaseAll(from);
    this.#muted.set(
      from,
      setTimeout(() => {
        this.#muted.delete(from);
        this.#buckets.delete(from); // back with a full bucket
        this.events.emit("unmuted", from);
      }, this.#limit.muteMs),
    );
    this.events.emit("muted", from);
  }

  #bucketOf(peer: PeerId): TokenBucket {
    let bucket = this.#buckets.get(peer);
    if (!bucket) {
      bucket = fullTokenBucket(this.#limit);
      this.#buckets.set(peer, bucket);
    }
    return bucket;
  }

  #forget(peer: PeerId): void {
    this.#piano.releaseAll(peer);
    clearTimeout(this.#muted.get(peer));
    this.#muted.delete(peer);
    this.#buckets.delete(peer);
    this.#volumes.delete(peer);
    this.#timing?.forget(peer);
  }
}
