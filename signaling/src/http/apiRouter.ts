import { API_PATHS } from "@nicepiano/protocol";
import cors from "cors";
import { Router, type NextFunction, type Request, type Response } from "express";
import type { Backend } from "../backend";
import type { ServerConfig } from "../config";
import { originAllowed } from "../guard/originPolicy";
import type { RequestLimiter } from "../guard/requestLimiter";
import type { ServerMetrics } from "../metrics/serverMetrics";
import type { Logger } from "../logger";
import { accountRoutes } from "./accountRoutes";
import type { RoomListing } from "../rooms/listedRooms";
import { listedRoomsRoute } from "./listedRoomsRoute";
import { rateLimited } from "./rateLimited";
import { recordingRoutes } from "./recordingRoutes";
import { sendError } from "./sendError";

/** What guards the API: whose pages may call it, and how often each address may. */
export interface ApiGuard extends Pick<ServerConfig, "allowedOrigins" | "proxyHops"> {
  limiter: RequestLimiter;
  metrics: Pick<ServerMetrics, "refusedRequests">;
}

/** Landing pages watching the room list at once, per instance (each an open response). */
const MAX_ROOM_LIST_STREAMS = 2000;

/** Everything under `/api`: JSON in, JSON out, errors as `{ error: { code, message } }`. */
export function apiRouter(
  backend: Backend,
  logger: Logger,
  guard: ApiGuard,
  listing: RoomListing,
  recordingsChanged: (accountId: string) => void,
): Router {
  const router = Router();
  router.use((req, res, next) => {
    if (!originAllowed(req.headers.origin, req.headers.host, guard.allowedOrigins)) {
      return sendError(res, "forbidden-origin");
    }
    next();
  });
  // Pages of other allowed origins may read the answers and send JSON (preflight included).
  router.use(cors({ origin: true, methods: ["GET", "POST", "PATCH", "DELETE"] }));
  router.use(
    rateLimited(guard, (req) => (req.path.startsWith("/auth/") ? "account" : "recording")),
  );
  // Answers depend on who asks and change with every save: never from a cache.
  router.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });
  router.get(API_PATHS.listedRooms, listedRoomsRoute(listing, MAX_ROOM_LIST_STREAMS));
  router.use(accountRoutes(backend));
  router.use(
    API_PATHS.recordings,
    recordingRoutes(backend.recordings, backend.verifier, recordingsChanged),
  );
  router.use((_req, res) => sendError(res, "not-found", "No such API route."));
  // Express recognises an error handler by its four parameters.
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status;
    if (status === 413) return sendError(res, "too-large", "That request is too large.");
    if (status === 400) return sendError(res, "invalid-payload", "The request is not valid JSON.");
    logger.error({ err: error }, "api request failed");
    sendError(res, "internal");
  });
  return router;
}
