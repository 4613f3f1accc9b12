import type { Logger } from "../logger";
import type { ClientSocket, SignalingServer } from "../types";
import { markSignedIn } from "./authenticateHandler";
import { AuthError } from "./authError";
import type { TokenVerifier } from "./tokenVerifier";

/**
 * Checks a signed-in socket's token again. One refused now (expired, revoked by a
 * sign-out) leaves the socket a guest, its room told; the refusal is returned.
 */
export async function recheckToken(
  socket: ClientSocket,
  verifier: TokenVerifier,
): Promise<AuthError | null> {
  const { token } = socket.data;
  if (!socket.data.account || !token) return null;
  try {
    await verifier.verify(token);
    return null;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // Signed in again meanwhile with another token: that one stands.
    if (socket.data.token === token) {
      socket.data.account = undefined;
      socket.data.token = undefined;
      socket.data.authError = { code: error.code, message: error.message };
      markSignedIn(socket);
    }
    return error;
  }
}

/** Every `intervalMs`, checks the token of every signed-in socket here; returns how to stop. */
export function startTokenRecheck(
  io: SignalingServer,
  verifier: TokenVerifier,
  intervalMs: number,
  logger: Logger,
): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of("/").sockets.values()) {
      recheckToken(socket, verifier).then(
        (refused) => {
          if (refused) logger.info({ peer: socket.id, code: refused.code }, "signed out: token");
        },
        (error: unknown) => logger.warn({ err: error }, "token check failed"),
      );
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
