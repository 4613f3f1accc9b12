import { API_PATHS, credentialsSchema, parseWith, type MeAnswer } from "@nicepiano/protocol";
import { Router, type Request, type Response } from "express";
import { AuthError } from "../auth/authError";
import type { Backend } from "../backend";
import { jsonBody } from "./jsonBody";
import { accountOf, requireAccount } from "./requireAccount";
import { sendError } from "./sendError";

/** `/api/config`, `/api/auth/*` (embedded back end only) and `/api/me`. */
export function accountRoutes(backend: Backend): Router {
  const router = Router();
  const { localAccounts } = backend;

  const withCredentials =
    (action: "signUp" | "signIn") => (req: Request, res: Response, next: (e: unknown) => void) => {
      if (!localAccounts) {
        return sendError(res, "not-found", "This server signs in with Firebase, in the browser.");
      }
      const parsed = parseWith(credentialsSchema, req.body);
      if (!parsed.ok) return sendError(res, "invalid-payload", parsed.message);
      localAccounts[action](parsed.value).then(
        (answer) => res.status(action === "signUp" ? 201 : 200).json(answer),
        (error: unknown) => {
          if (error instanceof AuthError) sendError(res, error.code, error.message);
          else next(error);
        },
      );
    };
  router.get(API_PATHS.config, (_req, res) => {
    res.json(backend.accountsConfig);
  });
  router.post(API_PATHS.signUp, jsonBody(), withCredentials("signUp"));
  router.post(API_PATHS.signIn, jsonBody(), withCredentials("signIn"));
  router.post(API_PATHS.signOut, requireAccount(backend.verifier), (_req, res, next) => {
    backend.verifier.revoke(accountOf(res).id).then(() => res.status(204).end(), next);
  });
  router.get(API_PATHS.me, requireAccount(backend.verifier), (_req, res) => {
    const answer: MeAnswer = { account: accountOf(res), backend: backend.kind };
    res.json(answer);
  });
  return router;
}
