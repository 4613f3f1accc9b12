import type { Account } from "@nicepiano/protocol";
import type { NextFunction, Request, Response } from "express";
import { AuthError } from "../auth/authError";
import type { TokenVerifier } from "../auth/tokenVerifier";
import { sendError } from "./sendError";

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer (\S+)$/.exec(req.get("authorization") ?? "");
  return match?.[1];
}

/** Lets a request through only with a valid token; the account is in `res.locals.account`. */
export function requireAccount(verifier: TokenVerifier) {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req);
    if (!token) return sendError(res, "unauthorized");
    verifier.verify(token).then(
      (account: Account) => {
        res.locals.account = account;
        next();
      },
      (error: unknown) => {
        if (error instanceof AuthError) sendError(res, error.code, error.message);
        else next(error);
      },
    );
  };
}

export function accountOf(res: Response): Account {
  return res.locals.account as Account;
}
