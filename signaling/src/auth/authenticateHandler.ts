import { ackError, ackOk, type Account } from "@nicepiano/protocol";
import { guarded, replyTo } from "../ack";
import type { Logger } from "../logger";
import { followAccount } from "../recordings/accountPages";
import type { ClientSocket } from "../types";
import { AuthError } from "./authError";
import type { TokenVerifier } from "./tokenVerifier";

/**
 * `authenticate`: signs a connected socket in (token) or out (null). A member in a room
 * shows the change to the others: signed-in members carry the server's mark.
 */
export function registerAuthenticateHandler(
  socket: ClientSocket,
  verifier: TokenVerifier,
  logger: Logger,
): void {
  socket.on(
    "authenticate",
    guarded(logger, "authenticate", async (token: unknown, ack: unknown) => {
      const reply = replyTo<Account | null>(ack);
      if (token === null) {
        socket.data.account = undefined;
        socket.data.token = undefined;
        markSignedIn(socket);
        return reply(ackOk(null));
      }
      if (typeof token !== "string" || token.length > 8192) {
        return reply(ackError("invalid-payload", "A token is a string."));
      }
      try {
        socket.data.account = await verifier.verify(token);
        socket.data.token = token;
        socket.data.authError = undefined;
        markSignedIn(socket);
        reply(ackOk(socket.data.account));
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        socket.data.account = undefined;
        socket.data.token = undefined;
        markSignedIn(socket);
        reply(ackError(error.code, error.message));
      }
    }),
  );
}

/**
 * The socket's account, applied: the socket follows that account's recordings
 * (`recordingsChanged`), and its member, if it is in a room, is marked as its account
 * says; the room hears it.
 */
export function markSignedIn(socket: ClientSocket): void {
  followAccount(socket);
  const { room, member, account } = socket.data;
  if (!room || !member || (member.signedIn === true) === (account !== undefined)) return;
  if (account) member.signedIn = true;
  else delete member.signedIn;
  socket.to(room).emit("memberUpdated", member);
}
