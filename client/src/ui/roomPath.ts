import { roomNameSchema, type RoomName } from "@nicepiano/protocol";

/** The room a path names (`/r/<room>`): undefined for another page; `valid` if it can be one. */
export function roomFromPath(pathname: string): { room: RoomName | undefined; valid: boolean } {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  const room = match ? decodeURIComponent(match[1]!) : undefined;
  return { room, valid: room !== undefined && roomNameSchema.safeParse(room).success };
}
