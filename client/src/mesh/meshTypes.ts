import type { IceServer, Millis, PeerId, PlayMessage, SignalData } from "@nicepiano/protocol";
import type { NoteInbox } from "../notes/noteInbox";
import type { ReconnectPolicy } from "../retry/reconnectPolicy";
import type { PeerFactory } from "./peerFactory";

export type PeerState = "connecting" | "open" | "closed";
/** How notes to a peer travel now: its data channel, or through the signaling server. */
export type PeerPath = "channel" | "server" | "none";

export type MeshEvents = {
  /** A valid play message from a peer. */
  play: { from: PeerId; message: PlayMessage };
  state: { peer: PeerId; state: PeerState };
  /** A round trip to a peer over its data channel. */
  rtt: { peer: PeerId; rttMs: Millis };
  /** Bytes from a peer that were not a valid message; dropped. */
  invalid: { from: PeerId };
  error: { peer: PeerId; error: Error };
};

export interface PeerMeshOptions {
  createPeer: PeerFactory;
  /** The ICE servers for a new connection (TURN credentials are renewed over time). */
  iceServers: () => IceServer[];
  sendSignal: (to: PeerId, data: SignalData) => void;
  /** Sends a frame to a peer through the signaling server: the path when no channel is open. */
  relay?: (to: PeerId, frame: Uint8Array) => void;
  /** Takes the note frames that arrive (shared with the other paths notes come by). */
  inbox?: NoteInbox;
  /** The data channel's settings (simple-peer's `channelConfig`; the initiator's count). */
  channelConfig?: RTCDataChannelInit;
  pingIntervalMs?: Millis;
  /** How long to wait before a lost connection is started again (PEER_RECONNECT). */
  reconnect?: ReconnectPolicy;
}
