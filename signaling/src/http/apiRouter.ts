import { RECORDING_LIMITS } from "@nicepiano/protocol";
import express, { Router, type NextFunction, type Request, type Response } from "express";
import type { Backend } from "../backend";
import type { Logger } from "../logger";
import { accountRoutes } from "./accountRoutes";
import { recordingRoutes } from "./recordingRoutes";
import { sendError } from "./sendError";

/** Everything under `/api`: JSON in, JSON out, errors as `{ error: { code, message } }`. */
export function apiRouter(backend: Backend, logger: Logger): Router {
  const router = Router();
  // Answers depend on who asks and change with every save: never from a cache.
  router.use((_req, res, next) => {
    res.set("cache-control", "no-store");
    next();
  });
  router.use(express.json({ limit: RECORDING_LIMITS.bodyBytes }));
  router.use(accountRoutes(backend));
  router.use("/recordings", recordingRoutes(backend.recordings, backend.verifier));
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
