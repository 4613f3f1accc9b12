import type { ClientSocket } from "../types";

/** Room names hold no ':' (`roomNameSchema`): these never meet a room of players. */
const PREFIX = "account:";

/** The Socket.IO room of every page signed in to `accountId`, on every instance. */
export function accountPages(accountId: string): string {
  return `${PREFIX}${accountId}`;
}

/**
 * Puts a socket with the pages of the account it is signed in to, and out of any other's:
 * called whenever its account changes (handshake, sign-in, sign-out, a token refused).
 */
export function followAccount(socket: ClientSocket): void {
  const wanted = socket.data.account ? accountPages(socket.data.account.id) : undefined;
  for (const room of socket.rooms) {
    if (room.startsWith(PREFIX) && room !== wanted) void socket.leave(room);
  }
  if (wanted) void socket.join(wanted);
}
