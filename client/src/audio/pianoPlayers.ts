import type { PeerId, PlayerColor } from "@nicepiano/protocol";
import type { RoomStore } from "../room/roomStore";

/** The local player's key in the shared piano, before and after the server names us. */
export const LOCAL = "local";

/** Grey: a player nobody knows any more (they left while their notes still sound). */
const UNKNOWN_COLOR: PlayerColor = "#888888";

/**
 * Who is behind each player of the shared piano, and in which colour they sound: the
 * local player, a member, or a track of a playback (in its recorded colour, else its
 * starter's).
 */
export class PianoPlayers {
  readonly #store: RoomStore;
  /** Which member started each playback player. */
  readonly #starters = new Map<PeerId, PeerId>();
  /** The colour each track of a room recording was recorded in. */
  readonly #trackColors = new Map<PeerId, PlayerColor>();

  constructor(store: RoomStore) {
    this.#store = store;
  }

  /** A playback's player, started by `member`, in its recorded `color` if any. */
  startedBy(player: PeerId, member: PeerId, color?: PlayerColor): void {
    this.#starters.set(player, member);
    if (color) this.#trackColors.set(player, color);
  }

  /** A playback's player is done. */
  ended(player: PeerId): void {
    this.#starters.delete(player);
    this.#trackColors.delete(player);
  }

  /** The member behind a player: the local player, a member, or who started a playback. */
  memberOf(player: PeerId): PeerId | undefined {
    const member = this.#starters.get(player) ?? player;
    return member === LOCAL ? this.#store.self?.id : member;
  }

  colorOf(player: PeerId): PlayerColor {
    const recorded = this.#trackColors.get(player);
    if (recorded) return recorded;
    const member = this.memberOf(player);
    const { self, members } = this.#store;
    const own = member !== undefined && member === self?.id;
    return (own ? self.color : member && members.get(member)?.color) ?? UNKNOWN_COLOR;
  }
}
