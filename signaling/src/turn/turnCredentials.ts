import { createHmac } from "node:crypto";
import type { IceServer } from "@nicepiano/protocol";

export interface TurnSettings {
  /** coturn's `static-auth-secret`; never leaves the server. */
  secret: string;
  /** `turn:` / `turns:` URLs of the relay, as clients reach it. */
  urls: string[];
  /** How long a credential lasts. */
  ttlSeconds: number;
}

export interface TurnCredential {
  iceServer: IceServer;
  /** When it stops working, in ms since the epoch. */
  expiresAt: number;
}

const MAX_GRID_SECONDS = 60;

/**
 * A short-lived TURN credential in the TURN REST API scheme coturn checks with
 * `use-auth-secret`: the username is `<expiry in unix seconds>:<user>` and the password
 * the base64 HMAC-SHA1 of that username under the shared secret. coturn refuses it after
 * the expiry; the secret itself is never sent anywhere.
 */
export function turnCredential(
  settings: TurnSettings,
  user: string,
  now: number = Date.now(),
): TurnCredential {
  // On a grid (a minute, or a tenth of a short lifetime): one user asking again soon gets
  // the same name, so coturn's quota of allocations per user name counts all of theirs.
  const grid = Math.min(MAX_GRID_SECONDS, Math.max(1, Math.floor(settings.ttlSeconds / 10)));
  const expiry = Math.ceil((now / 1000 + settings.ttlSeconds) / grid) * grid;
  const username = `${expiry}:${user}`;
  const credential = createHmac("sha1", settings.secret).update(username).digest("base64");
  return {
    iceServer: { urls: settings.urls, username, credential },
    expiresAt: expiry * 1000,
  };
}
