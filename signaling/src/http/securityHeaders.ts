import type { AccountsConfig } from "@nicepiano/protocol";
import type { RequestHandler } from "express";
import helmet from "helmet";

/** Where the Firebase JS SDK signs players in and refreshes their tokens. */
const FIREBASE_AUTH_ORIGINS = [
  "https://identitytoolkit.googleapis.com",
  "https://securetoken.googleapis.com",
];

/**
 * The pages' security headers (helmet): `nosniff`, no framing by other sites, and a
 * Content-Security-Policy that runs only this server's scripts (no inline script, no
 * eval). The session token lives in `localStorage` (see docs/security.md): this policy
 * is what keeps an injected script from running to read it. Connections go to this
 * server (the API, samples, Socket.IO) and, with Firebase, to its sign-in services.
 */
export function securityHeaders(accounts: AccountsConfig): RequestHandler {
  const connect = ["'self'"];
  const frames: string[] = [];
  if (accounts.backend === "firebase") {
    const { authEmulatorUrl, authDomain } = accounts.firebase;
    connect.push(...(authEmulatorUrl ? [new URL(authEmulatorUrl).origin] : FIREBASE_AUTH_ORIGINS));
    frames.push(`https://${authDomain}`);
  }
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        // Solid sets element styles (key colours, the loading bar) through the CSSOM,
        // which the policy allows; style sheets come from this server only.
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": connect,
        "frame-src": frames.length > 0 ? frames : ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
      },
    },
    // Plain HTTP is this server's own default on one machine (TLS comes from a proxy or
    // TLS_CERT): no upgrade of its requests, no HSTS promise it may not keep.
    strictTransportSecurity: false,
  });
}
