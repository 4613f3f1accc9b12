import { LIMITS } from "@nicepiano/protocol";
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { sendError } from "./sendError";

/**
 * A route's JSON body parser, at most `limit` bytes (a small request's by default). Each
 * route puts its own after its checks, so nobody gets a large body read for them before
 * they are signed in.
 *
 * A body over the limit is refused from its `Content-Length` before a byte of it is read,
 * and the connection is closed after the answer: the parser alone would read (and throw
 * away) the whole body before answering. A body without a length (chunked) is refused
 * for the same reason: our pages always send one.
 */
export function jsonBody(limit: number = LIMITS.requestBodyBytes): RequestHandler[] {
  const parse = express.json({ limit });
  const measure = (req: Request, res: Response, next: NextFunction) => {
    const declared = req.headers["content-length"];
    if (declared === undefined && req.headers["transfer-encoding"] !== undefined) {
      return refuse(res, "length-required");
    }
    if (declared !== undefined && Number(declared) > limit) return refuse(res, "too-large");
    next();
  };
  return [measure, parse];
}

function refuse(res: Response, code: "too-large" | "length-required"): void {
  // Node closes the connection after this answer instead of reading the rest of the body.
  res.set("connection", "close");
  sendError(res, code);
}
