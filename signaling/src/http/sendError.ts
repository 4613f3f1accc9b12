import { ERROR_MESSAGES, type ErrorCode } from "@nicepiano/protocol";
import type { Response } from "express";

const STATUS: Partial<Record<ErrorCode, number>> = {
  "invalid-payload": 400,
  unauthorized: 401,
  "invalid-token": 401,
  "expired-token": 401,
  "revoked-token": 401,
  "invalid-credentials": 401,
  "forbidden-origin": 403,
  "not-owner": 403,
  "room-locked": 403,
  removed: 403,
  "not-found": 404,
  "username-taken": 409,
  "too-large": 413,
  "length-required": 411,
  "rate-limited": 429,
  // Insufficient Storage: the account's share is full.
  "quota-exceeded": 507,
  internal: 500,
};

/** Answers with `{ error: { code, message } }` and the status that goes with the code. */
export function sendError(res: Response, code: ErrorCode, message = ERROR_MESSAGES[code]): void {
  res.status(STATUS[code] ?? 400).json({ error: { code, message } });
}
