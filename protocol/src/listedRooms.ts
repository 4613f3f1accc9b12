import type { RoomName } from "./units";

/** A room its owner lists for anyone to join, as the landing page shows it. */
export interface ListedRoom {
  room: RoomName;
  players: number;
  listeners: number;
  /** The owner's notice ("" for none). */
  notice: string;
}

/** Every listed room with someone in it, on every instance, the fullest first. */
export type ListedRooms = ListedRoom[];
