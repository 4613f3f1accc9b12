import type { DisplayName, Millis, PeerId, PlayerColor, ServerTime } from "./units";

/** One player in a room, as every client sees them. */
export interface Member {
  id: PeerId;
  name: DisplayName;
  color: PlayerColor;
  /** When the server admitted them; later joiners start the peer connection. */
  joinedAt: ServerTime;
  /**
   * Only listens (beyond the room's performer limit, or by choice): joins no peer
   * connection; the players' notes reach it through the server. Absent for a player.
   */
  listener?: true;
  /** Signed in to an account (set by the server; a guest cannot claim it). */
  signedIn?: true;
}

/** The name of the Socket.IO room of a room's listeners (room names hold no "/"). */
export function listenersOf(room: string): string {
  return `${room}/listeners`;
}

/** Sixteen colours that stay apart from each other on white and black keys. */
export const PLAYER_COLORS: readonly PlayerColor[] = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#bfef45",
  "#800000",
  "#000075",
  "#ffe119",
  "#808000",
  "#dcbeff",
  "#aaffc3",
];

/** Server-measured round trip to each member, in milliseconds. */
export type LatencyTable = Record<PeerId, Millis>;

/**
 * Which side of a pair starts the WebRTC connection: the one that joined later (the
 * newcomer), ties broken by id. Both sides compute the same answer from the same two
 * members, so exactly one of them initiates, even when two join at the same moment.
 */
export function initiatesTo(self: Member, other: Member): boolean {
  if (self.joinedAt !== other.joinedAt) return self.joinedAt > other.joinedAt;
  return self.id > other.id;
}
