import type { Account } from "./accounts";
import type { ChatMessage } from "./chat";
import type { Ack, AckError } from "./errors";
import type { LatencyTable, Member } from "./members";
import type { Playback, PlayRequest } from "./playback";
import type { RoomControl, RoomSettings } from "./roomSettings";
import type { SignalData } from "./signals";
import type { PeerKey } from "./peerKeys";
import type { DisplayName, Millis, PeerId, PlayerColor, RoomName, ServerTime } from "./units";

/** An ICE server as `RTCPeerConnection` takes it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface JoinRequest {
  room: RoomName;
  name: DisplayName;
  /**
   * A secret the client picks once and sends with every join: the server derives the
   * member id from it (`peerIdOf`), so a client that reconnects, to any instance, is the
   * same member again and its peer connections carry on. Without it, a fresh id.
   */
  key?: PeerKey;
  /** The colour the client had before a reconnect; kept when nobody else wears it. */
  color?: PlayerColor;
  /** Join to listen only, even if there is room to play. */
  listen?: boolean;
  /**
   * This client reads the server's clock from its latency pings: it is sent `clockPing`
   * instead of `latencyPing`, and needs no `clock` requests while they come.
   */
  clockInPings?: boolean;
}

/**
 * The server's latency probe for a client that asked for the clock in it: the room's round
 * trips, the server's clock as the ping left, and the round trip the server measured for
 * the previous ping, which makes that ping a clock sample for the client. Pings come every
 * couple of seconds at first and less often while the round trip holds steady.
 */
export interface ClockPing {
  latency: LatencyTable;
  serverTime: ServerTime;
  /** When the next ping will come at the latest, ms from this one (sooner after a jump). */
  nextInMs: Millis;
  /** The previous ping to this socket: when it left, and its round trip (none if lost). */
  previous?: { serverTime: ServerTime; rttMs: Millis };
}

export interface IceServersAnswer {
  iceServers: IceServer[];
  expiresAt: ServerTime | null;
}

export interface JoinAnswer {
  self: Member;
  /** Everyone else already in the room. */
  members: Member[];
  /** Pass these to every peer connection; empty means host candidates only. */
  iceServers: IceServer[];
  /** When the TURN credentials among them expire (ask `iceServers` for fresh ones before). */
  iceServersExpireAt: ServerTime | null;
  serverTime: ServerTime;
  latency: LatencyTable;
  /** Who this socket is signed in as; null for a guest. */
  account: Account | null;
  /** Why a token sent with the handshake was refused (the socket plays on as a guest). */
  authError?: AckError;
  /** Recordings playing in the room right now. */
  playbacks: Playback[];
  settings: RoomSettings;
  /** The room's latest chat messages, oldest first. */
  chat: ChatMessage[];
}

/** A WebRTC signal sent to one peer of the same room. */
export interface OutgoingSignal {
  to: PeerId;
  data: SignalData;
}

export interface IncomingSignal {
  from: PeerId;
  data: SignalData;
}

/**
 * What a page signs its socket in with, at each (re)connection (Socket.IO's `auth`).
 * Either may be missing: a guest's socket brings neither.
 */
export interface HandshakeAuth {
  /** The account's session token (Firebase ID token, or the embedded store's). */
  token?: string;
  /**
   * The version of the account's recordings list the page holds (`RecordingsAnswer`):
   * back from a lost connection, it hears `recordingsChanged` if the list changed since.
   */
  recordings?: number;
}

/** A signed-in socket's handshake: its token, and the list's version if the page holds one. */
export function signedInAuth(token: string, recordings: number | undefined): HandshakeAuth {
  return recordings === undefined ? { token } : { token, recordings };
}

/** Events a client sends. Each inbound payload is parsed on the server (`schemas.ts`). */
export interface ClientToServerEvents {
  join: (request: JoinRequest, ack: (answer: Ack<JoinAnswer>) => void) => void;
  leave: (ack: (answer: Ack<null>) => void) => void;
  rename: (name: DisplayName, ack: (answer: Ack<Member>) => void) => void;
  /** Pages send without an acknowledgement (they have nothing to do with it); tests ask. */
  signal: (signal: OutgoingSignal, ack?: (answer: Ack<null>) => void) => void;
  /** A peer frame for a member whose data channel is not open: the server passes it on. */
  relay: (to: PeerId, frame: Uint8Array) => void;
  /** A player's peer frame for every listener of the room (who have no data channels). */
  toListeners: (frame: Uint8Array) => void;
  /** Fresh ICE servers (TURN credentials) for a member whose current ones will expire. */
  iceServers: (ack: (answer: Ack<IceServersAnswer>) => void) => void;
  /** Asks for the server's clock, for the client's offset estimate. */
  clock: (ack: (serverTime: ServerTime) => void) => void;
  /** Signs this socket in with a token (or out, with null) without reconnecting. */
  authenticate: (token: string | null, ack: (answer: Ack<Account | null>) => void) => void;
  /** Plays one of the signed-in player's recordings into their room. */
  play: (request: PlayRequest, ack: (answer: Ack<Playback>) => void) => void;
  /** Stops a playback in this room, for everyone. */
  stopPlayback: (playbackId: string, ack: (answer: Ack<null>) => void) => void;
  /** The room's owner changes its settings (anyone else is refused: `not-owner`). */
  control: (control: RoomControl, ack: (answer: Ack<RoomSettings>) => void) => void;
  /** A listener raises (or lowers) their hand to ask the owner to let them play. */
  hand: (raised: boolean, ack: (answer: Ack<RoomSettings>) => void) => void;
  /**
   * A TURN server refused or did not answer this page's connection (the code of its
   * `icecandidateerror`: 401 credentials refused, 701 unreachable): counted for alerts.
   */
  iceError: (code: number) => void;
  /** Writes to the room's chat (`chatTextSchema`); the answer is the message as sent. */
  chat: (text: string, ack: (answer: Ack<ChatMessage>) => void) => void;
}

/** Events the server sends. */
export interface ServerToClientEvents {
  memberJoined: (member: Member) => void;
  memberLeft: (id: PeerId) => void;
  memberUpdated: (member: Member) => void;
  signal: (signal: IncomingSignal) => void;
  /** A peer frame relayed by the server (an ArrayBuffer in browsers, a Buffer in Node). */
  relayed: (from: PeerId, frame: ArrayBuffer | Uint8Array) => void;
  /**
   * Round trips of some members, from an instance other than this socket's (each reports
   * its own sockets); this instance's ride in `latencyPing`.
   */
  latency: (table: LatencyTable) => void;
  /**
   * The server's latency probe, carrying the round trips of the room's members it
   * measured last (one write a member a round, not two): answer at once.
   */
  latencyPing: (table: LatencyTable, ack: () => void) => void;
  /** `latencyPing` with the server's clock in it (`ClockPing`), for `clockInPings` clients. */
  clockPing: (ping: ClockPing, ack: () => void) => void;
  playbackStarted: (playback: Playback) => void;
  playbackStopped: (playbackId: string) => void;
  /** The room's settings changed (its owner, lock, limit, mutes, metronome). */
  roomSettings: (settings: RoomSettings) => void;
  /**
   * This instance holds more than its share of the players: reconnect (through the
   * balancer, to another), as the same member; the peer connections stay up.
   */
  reconnectElsewhere: () => void;
  /** The room's owner made this listener a player: join again to play. */
  promoted: () => void;
  /** The room's owner `by` asked every page to let go of every key and the pedal. */
  panic: (by: PeerId) => void;
  /** A message in the room's chat (the sender's own too). */
  chat: (message: ChatMessage) => void;
  /** Sent just before the server disconnects this socket on purpose: why. */
  kicked: (reason: AckError) => void;
  /**
   * The signed-in account's recordings changed (one saved, renamed or deleted, from any
   * page or device): a page showing the list asks for it again. A page that was away
   * may have missed one: told at once if the version it connects with is out of date.
   */
  recordingsChanged: () => void;
}
