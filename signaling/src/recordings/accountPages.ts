import type { HandshakeAuth } from "@nicepiano/protocol";
import type { Logger } from "../logger";
import type { ClientSocket } from "../types";
import type { RecordingStore } from "./recordingStore";

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

/**
 * A signed-in page that connects saying which version of its account's list it holds
 * (back from a lost connection, it may have missed a change) is told `recordingsChanged`
 * if the list is at another version now: one read of the version, where each page used
 * to ask for its whole list after every reconnect. A store that cannot answer tells it
 * too: asking again is safe, a missed change is not.
 */
export async function tellIfListChanged(
  socket: ClientSocket,
  recordings: Pick<RecordingStore, "listVersion">,
  logger: Logger,
): Promise<void> {
  const held = (socket.handshake.auth as HandshakeAuth | undefined)?.recordings;
  const account = socket.data.account;
  if (!account || typeof held !== "number") return;
  const current = await recordings.listVersion(account.id).catch((error: unknown) => {
    logger.warn({ err: error }, "could not read a recordings list's version");
    return undefined;
  });
  if (current !== held && socket.connected) socket.emit("recordingsChanged");
}
