import {
  parseWith,
  recordingDraftSchema,
  RECORDING_LIMITS,
  renameRecordingSchema,
  takeOf,
  type RecordingsAnswer,
} from "@nicepiano/protocol";
import { Router, type NextFunction, type Request, type Response } from "express";
import { RecordingQuota } from "../recordings/recordingQuota";
import type { RecordingStore } from "../recordings/recordingStore";
import type { TokenVerifier } from "../auth/tokenVerifier";
import { jsonBody } from "./jsonBody";
import { accountOf, requireAccount } from "./requireAccount";
import { sendError } from "./sendError";

type Handler = (req: Request, res: Response) => Promise<void>;
const handle = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
  handler(req, res).catch(next);
};

/**
 * What changes (the list, a recording whose name can change): a browser keeps it but asks
 * again each time, and an unchanged answer is a 304. `must-revalidate` lets caches that
 * keep answers to requests with an Authorization header only then (RFC 9111 §3.5:
 * undici's, the load tester's) keep it too. Each answer is its account's: a browser keeps
 * one copy per token (`Vary`), and another account signed in there gets its own.
 */
const REVALIDATE = {
  "cache-control": "private, no-cache, must-revalidate",
  vary: "Authorization",
};
/** A take never changes under its id: kept a year, not asked for again. */
const IMMUTABLE = {
  "cache-control": "private, max-age=31536000, immutable, must-revalidate",
  vary: "Authorization",
};

/** Whether the request's If-None-Match names `etag`. */
function hasCopy(req: Request, etag: string): boolean {
  const tags = req.get("if-none-match");
  return tags !== undefined && tags.split(/\s*,\s*/).includes(etag);
}

/**
 * `/api/recordings`: the signed-in player's own recordings, and nobody else's. Each
 * change is passed on to `changed` once the store has it (the account's pages are told).
 */
export function recordingRoutes(
  recordings: RecordingStore,
  verifier: TokenVerifier,
  changed: (accountId: string) => void,
): Router {
  const router = Router();
  const quota = new RecordingQuota(recordings);
  router.use(requireAccount(verifier));

  // The list's ETag is its owner's list version: a copy is checked without reading it.
  router.get(
    "/",
    handle(async (req, res) => {
      const owner = accountOf(res).id;
      // The version first: a save between the two reads makes the copy stale, never good.
      const version = await recordings.listVersion(owner);
      const etag = `"list-${owner}-${version}"`;
      res.set({ ...REVALIDATE, etag });
      if (hasCopy(req, etag)) return void res.status(304).end();
      const answer: RecordingsAnswer = { recordings: await recordings.list(owner), version };
      res.json(answer);
    }),
  );

  router.post(
    "/",
    jsonBody(RECORDING_LIMITS.bodyBytes),
    handle(async (req, res) => {
      const parsed = parseWith(recordingDraftSchema, req.body);
      if (!parsed.ok) return sendError(res, "invalid-payload", parsed.message);
      // Answered only once the store has committed it.
      const saved = await quota.save(accountOf(res).id, parsed.value);
      if (!saved) return sendError(res, "quota-exceeded");
      res.status(201).json({ recording: saved });
      changed(accountOf(res).id);
    }),
  );

  router.get(
    "/:id",
    handle(async (req, res) => {
      const recording = await recordings.get(accountOf(res).id, String(req.params.id));
      if (!recording) return sendError(res, "not-found");
      res.set(REVALIDATE).json({ recording });
    }),
  );

  // A copy the browser holds is still good while the recording exists: answered without
  // reading its events.
  router.get(
    "/:id/take",
    handle(async (req, res) => {
      const owner = accountOf(res).id;
      const id = String(req.params.id);
      const etag = `"take-${id}"`;
      if (hasCopy(req, etag) && (await recordings.has(owner, id))) {
        res
          .set({ ...IMMUTABLE, etag })
          .status(304)
          .end();
        return;
      }
      const recording = await recordings.get(owner, id);
      if (!recording) return sendError(res, "not-found");
      res.set({ ...IMMUTABLE, etag }).json({ take: takeOf(recording) });
    }),
  );

  router.patch(
    "/:id",
    jsonBody(),
    handle(async (req, res) => {
      const parsed = parseWith(renameRecordingSchema, req.body);
      if (!parsed.ok) return sendError(res, "invalid-payload", parsed.message);
      const renamed = await recordings.rename(
        accountOf(res).id,
        String(req.params.id),
        parsed.value.name,
      );
      if (!renamed) return sendError(res, "not-found");
      res.json({ recording: renamed });
      changed(accountOf(res).id);
    }),
  );

  router.delete(
    "/:id",
    handle(async (req, res) => {
      if (!(await recordings.delete(accountOf(res).id, String(req.params.id)))) {
        return sendError(res, "not-found");
      }
      res.status(204).end();
      changed(accountOf(res).id);
    }),
  );
  return router;
}
