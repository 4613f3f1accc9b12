import { ERROR_MESSAGES } from "@nicepiano/protocol";
import type { ExtendedError } from "socket.io";
import type { ClientSocket } from "../types";
import { AuthError } from "./authError";
import type { TokenVerifier } from "./tokenVerifier";

/**
 * Socket.IO middleware: a socket that brings `auth.token` in its handshake is signed in
 * as that account. A bad token does not refuse the connection: the socket plays on as a
 * guest, and the join answer says why it is not signed in.
 */
export function authenticateSocket(verifier: TokenVerifier) {
  return (socket: ClientSocket, next: (error?: ExtendedError) => void) => {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = auth?.token;
    if (typeof token !== "string" || token === "") return next();
    verifier.verify(token).then(
      (account) => {
        socket.data.account = account;
        socket.data.token = token;
        next();
      },
      (error: unknown) => {
        socket.data.authError =
          error instanceof AuthError
            ? { code: error.code, message: error.message }
            : { code: "invalid-token", message: ERROR_MESSAGES["invalid-token"] };
        next();
      },
    );
  };
}
