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

/** How often a slice of the signed-in sockets has its tokens checked, ms. */
const SLICE_MS = 1000;

/** Which of `slices` a socket's checks fall in: its id's, for as long as it is connected. */
function sliceOf(socketId: string, slices: number): number {
  let sum = 0;
  for (let i = 0; i < socketId.length; i++) sum += socketId.charCodeAt(i);
  return sum % slices;
}

/**
 * Checks the token of every signed-in socket here once every `intervalMs`, a slice of
 * them each second (all at once, thousands of checks held the event loop: a rejoin then
 * waited, BENCHMARKS.md, musicians per instance); returns how to stop.
 */
export function startTokenRecheck(
  io: SignalingServer,
  verifier: TokenVerifier,
  intervalMs: number,
  logger: Logger,
): () => void {
  const slices = Math.max(1, Math.round(intervalMs / SLICE_MS));
  let slice = 0;
  const timer = setInterval(() => {
    for (const socket of io.of("/").sockets.values()) {
      if (!socket.data.account || sliceOf(socket.id, slices) !== slice) continue;
      recheckToken(socket, verifier).then(
        (refused) => {
          if (refused) logger.info({ peer: socket.id, code: refused.code }, "signed out: token");
        },
        (error: unknown) => logger.warn({ err: error }, "token check failed"),
      );
    }
    slice = (slice + 1) % slices;
  }, intervalMs / slices);
  timer.unref();
  return () => clearInterval(timer);
}
