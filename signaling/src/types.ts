import type {
  Account,
  AckError,
  ChatMessage,
  ClientToServerEvents,
  IncomingSignal,
  ListedRooms,
  Member,
  Millis,
  PeerId,
  Playback,
  RoomName,
  RoomSettings,
  ServerTime,
  ServerToClientEvents,
} from "@nicepiano/protocol";
import type { Server, Socket } from "socket.io";
import type { PingCadence } from "./latency/latencyPinger";
import type { RoomChange } from "./rooms/roomChanges";

export type SignalingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type ClientSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Events between signaling instances, over the cluster adapter (Redis). */
export interface InterServerEvents {
  /** A signal for a peer on another instance, checked there against the room. */
  signal: (relay: { room: RoomName; to: PeerId; signal: IncomingSignal }) => void;
  /**
   * A relayed peer frame for a member on another instance, checked there too. Base64:
   * the adapter carries server-side events as JSON.
   */
  relay: (relay: { room: RoomName; from: PeerId; to: PeerId; frame: string }) => void;
  /**
   * A member joined `room` under `id` here: any other socket holding it is replaced,
   * silently; a room it was away from hears it left.
   */
  peerClaimed: (id: PeerId, room: RoomName) => void;
  /**
   * Members whose connection was lost, or whose instance is shutting down: they will be
   * back, here or elsewhere, or are gone.
   */
  peersSuspended: (members: AwayMember[]) => void;
  /** Keeps every instance's list of a room's playbacks, for newcomers and stops. */
  playbackStarted: (room: RoomName, playback: PlaybackAnnouncement) => void;
  playbackEnded: (room: RoomName, playbackId: string) => void;
  /** A room's record, made on the instance sending it for the room's first member. */
  roomMinted: (room: RoomName, record: SharedRoomRecord) => void;
  /** A change to a room's record, made on the instance sending it. */
  roomChanged: (room: RoomName, change: RoomChange) => void;
  /** The owner made a listener on another instance a player: that one tells them. */
  promoteMember: (room: RoomName, id: PeerId) => void;
  /** The owner removed a member who is on another instance: that one sends it away. */
  removeMember: (room: RoomName, id: PeerId) => void;
  /** A member joined a room on instance `instance` (see `MemberDirectory`). */
  memberHere: (instance: string, entry: RosterEntry) => void;
  /** A member of instance `instance` left its room. */
  memberGone: (instance: string, id: PeerId) => void;
  /** Asks the other instances for their members. */
  rosterOf: (answer: (roster: InstanceRoster) => void) => void;
  /** Asks the other instances for a room's record (a member joins it here first). */
  roomSettingsOf: (room: RoomName, answer: (record: SharedRoomRecord | null) => void) => void;
  /** How many sockets instance `instance` holds (the rebalancer's round). */
  instanceLoad: (instance: string, sockets: number) => void;
  /** The listed rooms with members on instance `instance`, counting those members only. */
  listedRooms: (instance: string, rooms: ListedRooms) => void;
}

/**
 * A playback as instances tell each other of it: without its events, which each reads
 * from the store once by the recording's id and `owner` (`RecordingsInPlay`).
 */
export type PlaybackAnnouncement = Omit<Playback, "events" | "tracks"> & { owner: string };

/** A member away from its room for a moment: given a grace period to come back. */
export interface AwayMember {
  room: RoomName;
  id: PeerId;
  /** How the room knows it: a member coming back as it was is not announced again. */
  member?: Member;
  /** When it went away (ms since 1970, the clock of the instance it left). */
  since?: number;
}

/** A member of a room on some instance, as the instances tell each other. */
export interface RosterEntry {
  room: RoomName;
  member: Member;
}

/** One instance's members, as it answers when asked. */
export interface InstanceRoster {
  instance: string;
  members: RosterEntry[];
}

/** A room's settings as instances share them: who was let in and who was removed too. */
export interface SharedRoomRecord {
  settings: RoomSettings;
  admitted: PeerId[];
  removed: PeerId[];
  /** The latest chat messages (`LIMITS.chatKept`), oldest first, for newcomers. */
  chat: ChatMessage[];
  /** When it was made and for whom: of two made at once, every instance keeps the first. */
  minted: { at: number; by: PeerId };
}

/** What the server keeps on each socket. */
export interface SocketData {
  account?: Account;
  /** The token `account` was signed in with, checked again now and then. */
  token?: string;
  authError?: AckError;
  room?: RoomName;
  member?: Member;
  /** When it entered `room` (joined, or came back), ms since 1970. */
  enteredAt?: number;
  /** A room it asked to join and is not yet let into (no `room` nor `member` meanwhile). */
  joining?: RoomName;
  rttMs?: Millis;
  /** Its pings are `clockPing`s (the join asked for `clockInPings`). */
  clockInPings?: boolean;
  /** Where it stands in the latency pings' schedule (set by the pinger). */
  pingCadence?: PingCadence;
  /** The last `clockPing` answered: when it left and its round trip. */
  lastClockPing?: { serverTime: ServerTime; rttMs: Millis };
  /** Its member id was claimed by a newer socket, or its instance is shutting down: it
   * leaves without telling the room. */
  quiet?: boolean;
  /** A latency ping went unanswered: its connection was closed as lost. */
  unanswered?: boolean;
  /** The rebalancer asked it to reconnect elsewhere (it is not asked twice). */
  askedToMove?: boolean;
}
