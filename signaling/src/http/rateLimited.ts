import type { NextFunction, Request, Response } from "express";
import type { LimitKind } from "../guard/rateLimits";
import type { ApiGuard } from "./apiRouter";
import { sendError } from "./sendError";

/**
 * Middleware that takes one request of the kind `kindOf` names from the asking address,
 * and answers `rate-limited` (retry in a second) once it has had its share.
 */
export function rateLimited(
  guard: Pick<ApiGuard, "limiter" | "metrics">,
  kindOf: (req: Request) => LimitKind,
) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const kind = kindOf(req);
    if (guard.limiter.take(req.ip ?? req.socket.remoteAddress ?? "", kind)) return next();
    guard.metrics.refusedRequests.inc({ kind });
    res.set("retry-after", "1");
    sendError(res, "rate-limited");
  };
}
