import { ackError, fullTokenBucket, type AckError } from "@nicepiano/protocol";
import { replyTo } from "../ack";
import type { Logger } from "../logger";
import type { ServerMetrics } from "../metrics/serverMetrics";
import type { ClientSocket } from "../types";
import type { LimitKind } from "./rateLimits";
import type { RequestLimiter } from "./requestLimiter";

/**
 * Refusals a socket may pile up before it is disconnected: a client that keeps going
 * over its limits for ~10 s (or floods) is a broken or hostile one.
 */
const STRIKES = { perSecond: 5, burst: 50 };

const KICKED: AckError = {
  code: "rate-limited",
  message: "Disconnected: this page sent far too many requests. Reload to play again.",
};

export interface SocketGuardDeps {
  limiter: RequestLimiter;
  /** Every event a client may send, and what it counts against (`knownEvents()`). */
  events: ReadonlyMap<string, LimitKind>;
  metrics: Pick<ServerMetrics, "refusedRequests" | "unknownEvents" | "kickedSockets">;
  logger: Logger;
}

/**
 * Every event from `socket` passes here first: an event no client sends is dropped and
 * counted; one over its rate limit is refused (`rate-limited`, when it asked for an
 * answer); a socket refused too often is told why and disconnected.
 */
export function guardSocket(
  socket: ClientSocket,
  address: string,
  { limiter, events, metrics, logger }: SocketGuardDeps,
): void {
  const limits = limiter.forClient(address);
  const strikes = fullTokenBucket(STRIKES);
  socket.use(([event, ...args], next) => {
    const kind = typeof event === "string" ? events.get(event) : undefined;
    if (!kind) metrics.unknownEvents.inc();
    // Unknown events count against the room requests, so they cannot flood either.
    if (limits.take(kind ?? "room", !socket.data.account)) {
      if (kind) next();
      return;
    }
    metrics.refusedRequests.inc({ kind: kind ?? "unknown" });
    replyTo(args.at(-1))(ackError("rate-limited"));
    if (strikes.tryRemoveTokens(1) || !socket.connected) return;
    metrics.kickedSockets.inc();
    logger.warn(
      { peer: socket.id, address, event: String(event) },
      "disconnected a flooding client",
    );
    socket.emit("kicked", KICKED);
    socket.disconnect(true);
  });
}
