import { credentialsSchema, parseWith } from "@nicepiano/protocol";
import { Router, type Request, type Response } from "express";
import { AuthError } from "../auth/authError";
import type { Backend } from "../backend";
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
  router.get("/config", (_req, res) => {
    res.json(backend.accountsConfig);
  });
  router.post("/auth/signup", withCredentials("signUp"));
  router.post("/auth/signin", withCredentials("signIn"));
  router.get("/me", requireAccount(backend.verifier), (_req, res) => {
    res.json({ account: accountOf(res), backend: backend.kind });
  });
  return router;
}
