import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

/** A TURN secret long enough to be taken. */
const SECRET = "a-turn-secret-of-32-characters-x";

describe("loadConfig", () => {
  it("uses the embedded back end when nothing is set", () => {
    expect(loadConfig({}).backend).toEqual({ kind: "embedded" });
  });

  it("reads a real Firebase project from its variables", () => {
    const config = loadConfig({
      BACKEND: "firebase",
      FIREBASE_PROJECT_ID: "nicepiano-prod",
      FIREBASE_API_KEY: "AIza-web-key",
    });
    expect(config.backend).toEqual({
      kind: "firebase",
      projectId: "nicepiano-prod",
      apiKey: "AIza-web-key",
      authDomain: "nicepiano-prod.firebaseapp.com",
    });
  });

  it("points at the emulators, where any API key does", () => {
    const config = loadConfig({
      BACKEND: "firebase",
      FIREBASE_PROJECT_ID: "demo-nicepiano",
      FIREBASE_AUTH_EMULATOR_HOST: "127.0.0.1:9099",
      FIRESTORE_EMULATOR_HOST: "127.0.0.1:8081",
    });
    expect(config.backend).toMatchObject({
      apiKey: "emulator",
      authEmulatorHost: "127.0.0.1:9099",
      authEmulatorUrl: "http://127.0.0.1:9099",
      firestoreEmulatorHost: "127.0.0.1:8081",
    });
    const behindCompose = loadConfig({
      BACKEND: "firebase",
      FIREBASE_PROJECT_ID: "demo-nicepiano",
      FIREBASE_AUTH_EMULATOR_HOST: "firebase-emulators:9099",
      FIREBASE_AUTH_EMULATOR_URL: "http://localhost:9099",
    });
    expect(behindCompose.backend).toMatchObject({ authEmulatorUrl: "http://localhost:9099" });
  });

  it("reads TURN: a secret, URLs and a lifetime for credentials", () => {
    expect(loadConfig({}).turn).toBeNull();
    expect(
      loadConfig({
        TURN_SECRET: SECRET,
        TURN_URLS: "turn:turn.example:3478, turns:turn.example:5349",
        TURN_TTL_SECONDS: "600",
      }).turn,
    ).toEqual({
      secret: SECRET,
      urls: ["turn:turn.example:3478", "turns:turn.example:5349"],
      ttlSeconds: 600,
    });
  });

  it("reads the origins, proxies and rate-limit exemptions, none by default", () => {
    expect(loadConfig({})).toMatchObject({ allowedOrigins: [], proxyHops: 0, rateLimitExempt: [] });
    expect(
      loadConfig({
        ALLOWED_ORIGINS: "https://piano.example, http://localhost:5173",
        TRUST_PROXY: "1",
        RATE_LIMIT_EXEMPT: "127.0.0.1,::1",
      }),
    ).toMatchObject({
      allowedOrigins: ["https://piano.example", "http://localhost:5173"],
      proxyHops: 1,
      rateLimitExempt: ["127.0.0.1", "::1"],
    });
  });

  it("serves HTTPS with given files, or a self-signed certificate kept in the data folder", () => {
    expect(loadConfig({}).tls).toBeNull();
    expect(loadConfig({ HTTPS: "1", DATA_DIR: "/srv/np" }).tls).toEqual({
      kind: "self-signed",
      dir: "/srv/np/tls",
    });
    expect(loadConfig({ TLS_CERT: "/c.pem", TLS_KEY: "/k.pem" }).tls).toEqual({
      kind: "files",
      certFile: "/c.pem",
      keyFile: "/k.pem",
    });
  });

  it.each([
    [{ TLS_CERT: "/c.pem" }, /both TLS_CERT and TLS_KEY/],
    [{ HTTPS: "yes" }, /HTTPS must be 1/],
    [{ TURN_SECRET: SECRET }, /both TURN_SECRET and TURN_URLS/],
    [{ TURN_SECRET: SECRET, TURN_URLS: "stun:stun.example" }, /not a turn: or turns: URL/],
    // The old compose default, or anything short: an open relay for whoever guesses it.
    [{ TURN_SECRET: "change-me", TURN_URLS: "turn:t.example:3478" }, /TURN_SECRET.*32/],
    [{ TURN_SECRET: "x".repeat(31), TURN_URLS: "turn:t.example:3478" }, /TURN_SECRET.*32/],
    [{ BACKEND: "mongo" }, /BACKEND must be/],
    [{ BACKEND: "firebase" }, /FIREBASE_PROJECT_ID/],
    [{ BACKEND: "firebase", FIREBASE_PROJECT_ID: "p" }, /FIREBASE_API_KEY/],
    [{ PORT: "70000" }, /PORT must be an integer/],
    [{ ALLOWED_ORIGINS: "piano.example" }, /not an origin like/],
    [{ ALLOWED_ORIGINS: "https://piano.example/room" }, /not an origin like/],
  ])("refuses %o with a message naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
