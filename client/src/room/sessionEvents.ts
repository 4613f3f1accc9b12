import type {
  Member,
  Millis,
  PeerId,
  Playback,
  PlayMessage,
  RoomSettings,
} from "@nicepiano/protocol";
import type { PeerFactory } from "../mesh/peerFactory";
import type { PeerState } from "../mesh/peerMesh";
import type { NoteTransportKind } from "../notes/noteTransports";
import type { RoomError, RoomSocket } from "./roomRequests";

/**
 * What a RoomSession says happened. What the room looks like (members, settings,
 * latency, links) is in its store, which says when each part changes.
 */
export type SessionEvents = {
  self: Member;
  /** A member is gone: release whatever they held. */
  memberLeft: PeerId;
  play: { from: PeerId; message: PlayMessage };
  peerState: { peer: PeerId; state: PeerState };
  peerRtt: { peer: PeerId; rttMs: Millis };
  playbackStarted: Playback;
  playbackStopped: string;
  /** Back in the room as the same member after a reconnect. */
  rejoined: Member;
  /**
   * The server did not take us back after a reconnect (rate-limited, the room locked or
   * full, no answer): out of the room, trying again in `retryInMs`.
   */
  rejoinFailed: { error: RoomError; retryInMs: Millis };
  /** The room's owner made this listener a player. */
  promoted: undefined;
  /** The room's owner `by` asked every page to let go of everything. */
  panic: PeerId;
  /** The room's settings, at join and whenever its owner changes them. */
  settings: RoomSettings;
};

export interface RoomSessionOptions {
  socket: RoomSocket;
  createPeer: PeerFactory;
  clockSyncIntervalMs?: Millis;
  /** This machine's clock; the real one by default. */
  localClock?: () => Millis;
  /** How notes cross data channels: "loss-proof" by default. */
  transport?: NoteTransportKind;
}
