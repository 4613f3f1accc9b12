import {
  parseWith,
  recordingDraftSchema,
  RECORDING_LIMITS,
  renameRecordingSchema,
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

/** `/api/recordings`: the signed-in player's own recordings, and nobody else's. */
export function recordingRoutes(recordings: RecordingStore, verifier: TokenVerifier): Router {
  const router = Router();
  const quota = new RecordingQuota(recordings);
  router.use(requireAccount(verifier));

  router.get(
    "/",
    handle(async (_req, res) => {
      res.json({ recordings: await recordings.list(accountOf(res).id) });
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
    }),
  );

  router.get(
    "/:id",
    handle(async (req, res) => {
      const recording = await recordings.get(accountOf(res).id, String(req.params.id));
      if (!recording) return sendError(res, "not-found");
      res.json({ recording });
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
    }),
  );

  router.delete(
    "/:id",
    handle(async (req, res) => {
      if (!(await recordings.delete(accountOf(res).id, String(req.params.id)))) {
        return sendError(res, "not-found");
      }
      res.status(204).end();
    }),
  );
  return router;
}
