import { ERROR_MESSAGES, type ErrorCode } from "@nicepiano/protocol";

type AuthErrorCode = Extract<
  ErrorCode,
  "invalid-token" | "expired-token" | "revoked-token" | "invalid-credentials" | "username-taken"
>;

/** A refused sign-in or token, with the code the client shows. */
export class AuthError extends Error {
  override name = "AuthError";
  constructor(
    readonly code: AuthErrorCode,
    message: string = ERROR_MESSAGES[code],
  ) {
    super(message);
  }
}
