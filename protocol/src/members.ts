import type { DisplayName, Millis, PeerId, PlayerColor, ServerTime } from "./units";

/** One player in a room, as every client sees them. */
export interface Member {
  id: PeerId;
  name: DisplayName;
  color: PlayerColor;
  /** When the server admitted them; later joiners start the peer connection. */
  joinedAt: ServerTime;
}

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
