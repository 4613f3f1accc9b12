import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { TlsSettings } from "./tls/tlsCredentials";
import type { TurnSettings } from "./turn/turnCredentials";
import {
  LATENCY_PING_INTERVAL_MS,
  LATENCY_PING_MAX_INTERVAL_MS,
  LATENCY_PING_TIMEOUT_MS,
  LIMITS,
  type IceServer,
  type Millis,
} from "@nicepiano/protocol";

/** Everything the server can be told, with defaults that need nothing configured. */
export interface ServerConfig {
  port: number;
  host: string;
  /** The built web app (`npm run build`). */
  clientDist: string;
  pingIntervalMs: Millis;
  /** The longest between two pings of a member whose round trip holds steady. */
  pingMaxIntervalMs: Millis;
  /** How often the instances compare their loads to even them out (0: never). */
  rebalanceRoundMs: Millis;
  /** How far over its share of the players (a fraction of it) an instance may be. */
  rebalanceMargin: number;
  /** How often each instance counts its members of listed rooms for the landing page. */
  listedRoomsRoundMs: Millis;
  pingTimeoutMs: Millis;
  maxRoomMembers: number;
  /** Listeners a room takes beyond its players (their notes come through the server). */
  maxRoomListeners: number;
  /** Where the embedded back end keeps its SQLite file; null: in memory (tests). */
  dataDir: string | null;
  /** Handed to every client; empty: host candidates only, nothing outside is contacted. */
  iceServers: IceServer[];
  logLevel: string;
  /**
   * How long the members of a stopped instance have to rejoin elsewhere (with their key)
   * before the room hears that they left.
   */
  resumeGraceMs: Millis;
  /**
   * How often the tokens of signed-in sockets are checked again: a socket lives for hours,
   * its token may expire or be revoked meanwhile (it then plays on as a guest).
   */
  tokenRecheckMs: Millis;
  /**
   * How often each instance looks for the starters of the loops it plays: a loop whose
   * starter went with their crashed instance ends within two of these.
   */
  orphanSweepMs: Millis;
  /**
   * Free space the data folder's disk must keep for this instance to say it is ready
   * (below it, saves and sign-ups would fail while players were still sent here).
   */
  minFreeDiskBytes: number;
  /** coturn with ephemeral credentials; null: no TURN (nothing outside is contacted). */
  turn: TurnSettings | null;
  /** Redis joining several instances (`redis://host:port`); null: this instance alone. */
  redisUrl: string | null;
  /** Where accounts and recordings live: the embedded SQLite store, or Firebase. */
  backend: BackendSettings;
  /** Other web origins allowed to use the API and Socket.IO (its own always is); `*`: any. */
  allowedOrigins: string[];
  /** Proxies in front that append `X-Forwarded-For` (haproxy: 1); 0: clients connect directly. */
  proxyHops: number;
  /** Client addresses without an address-wide rate limit (each socket keeps its own). */
  rateLimitExempt: string[];
  /** HTTPS (Web MIDI needs it off localhost); null: plain HTTP. */
  tls: TlsSettings | null;
}

export type BackendSettings = { kind: "embedded" } | ({ kind: "firebase" } & FirebaseSettings);

export interface FirebaseSettings {
  projectId: string;
  /** The web app's API key, handed to the browser's Firebase SDK. */
  apiKey: string;
  authDomain: string;
  /** `host:port` of the Auth emulator (firebase-admin reads the same variable). */
  authEmulatorHost?: string;
  /** Where browsers reach the Auth emulator, when not at `http://<authEmulatorHost>`. */
  authEmulatorUrl?: string;
  /** `host:port` of a Firestore emulator (firebase-admin reads the same variable). */
  firestoreEmulatorHost?: string;
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: "0.0.0.0",
  clientDist: fileURLToPath(new URL("../../client/dist", import.meta.url)),
  pingIntervalMs: LATENCY_PING_INTERVAL_MS,
  pingMaxIntervalMs: LATENCY_PING_MAX_INTERVAL_MS,
  listedRoomsRoundMs: 2000,
  rebalanceRoundMs: 5000,
  rebalanceMargin: 0.1,
  pingTimeoutMs: LATENCY_PING_TIMEOUT_MS,
  maxRoomMembers: LIMITS.roomMembers,
  maxRoomListeners: LIMITS.roomListeners,
  dataDir: null,
  iceServers: [],
  logLevel: "info",
  backend: { kind: "embedded" },
  redisUrl: null,
  turn: null,
  resumeGraceMs: 10_000,
  tokenRecheckMs: 60_000,
  orphanSweepMs: 15_000,
  minFreeDiskBytes: 64 * 1024 * 1024,
  allowedOrigins: [],
  proxyHops: 0,
  rateLimitExempt: [],
  tls: null,
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the configuration from environment variables; unknown values fail loudly. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = env.DATA_DIR || fileURLToPath(new URL("../../data", import.meta.url));
  return {
    ...DEFAULT_CONFIG,
    port: integer(env, "PORT", DEFAULT_CONFIG.port, 0, 65_535),
    host: env.HOST || DEFAULT_CONFIG.host,
    clientDist: env.CLIENT_DIST || DEFAULT_CONFIG.clientDist,
    pingIntervalMs: integer(env, "PING_INTERVAL_MS", DEFAULT_CONFIG.pingIntervalMs, 100, 60_000),
    pingMaxIntervalMs: integer(
      env,
      "PING_MAX_INTERVAL_MS",
      DEFAULT_CONFIG.pingMaxIntervalMs,
      100,
      600_000,
    ),
    rebalanceRoundMs: integer(
      env,
      "REBALANCE_ROUND_MS",
      DEFAULT_CONFIG.rebalanceRoundMs,
      0,
      600_000,
    ),
    rebalanceMargin:
      integer(env, "REBALANCE_MARGIN_PERCENT", DEFAULT_CONFIG.rebalanceMargin * 100, 0, 100) / 100,
    listedRoomsRoundMs: integer(
      env,
      "LISTED_ROOMS_ROUND_MS",
      DEFAULT_CONFIG.listedRoomsRoundMs,
      100,
      60_000,
    ),
    maxRoomMembers: integer(
      env,
      "MAX_ROOM_MEMBERS",
      DEFAULT_CONFIG.maxRoomMembers,
      2,
      LIMITS.largestRoom,
    ),
    maxRoomListeners: integer(
      env,
      "MAX_ROOM_LISTENERS",
      DEFAULT_CONFIG.maxRoomListeners,
      0,
      10_000,
    ),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    dataDir,
    backend: backendSettings(env),
    redisUrl: redisUrl(env),
    turn: turnSettings(env),
    allowedOrigins: allowedOrigins(env),
    proxyHops: integer(env, "TRUST_PROXY", DEFAULT_CONFIG.proxyHops, 0, 5),
    rateLimitExempt: list(env.RATE_LIMIT_EXEMPT),
    tls: tlsSettings(env, dataDir),
  };
}

/**
 * `TLS_CERT` and `TLS_KEY` (PEM files), both or neither; else `HTTPS=1` for a
 * self-signed certificate made on first run and kept in `DATA_DIR/tls`.
 */
function tlsSettings(env: NodeJS.ProcessEnv, dataDir: string): TlsSettings | null {
  const certFile = env.TLS_CERT;
  const keyFile = env.TLS_KEY;
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new ConfigError("HTTPS needs both TLS_CERT and TLS_KEY.");
    return { kind: "files", certFile, keyFile };
  }
  const https = env.HTTPS ?? "";
  if (!["", "0", "1"].includes(https)) {
    throw new ConfigError(`HTTPS must be 1 (on) or 0 (off), got "${https}".`);
  }
  return https === "1" ? { kind: "self-signed", dir: join(dataDir, "tls") } : null;
}

function list(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** `ALLOWED_ORIGINS`: comma-separated `https://host[:port]` origins, or `*`. */
function allowedOrigins(env: NodeJS.ProcessEnv): string[] {
  const origins = list(env.ALLOWED_ORIGINS);
  for (const origin of origins) {
    if (origin === "*") continue;
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError(
        `ALLOWED_ORIGINS holds "${origin}", not an origin like https://piano.example.com.`,
      );
    }
  }
  return origins;
}

/** Anyone who knows coturn's secret may relay through it: no short or default one. */
const MIN_TURN_SECRET_LENGTH = 32;

/** `TURN_SECRET` and `TURN_URLS` (comma-separated `turn:`/`turns:` URLs), both or neither. */
function turnSettings(env: NodeJS.ProcessEnv): TurnSettings | null {
  const secret = env.TURN_SECRET;
  const urls = list(env.TURN_URLS);
  if (!secret && urls.length === 0) return null;
  if (!secret || urls.length === 0) {
    throw new ConfigError("TURN needs both TURN_SECRET and TURN_URLS.");
  }
  if (secret.length < MIN_TURN_SECRET_LENGTH) {
    throw new ConfigError(
      `TURN_SECRET must be at least ${MIN_TURN_SECRET_LENGTH} characters (openssl rand -hex 32): a guessable one makes coturn an open relay.`,
    );
  }
  const bad = urls.find((url) => !/^turns?:[^\s]+$/.test(url));
  if (bad) throw new ConfigError(`TURN_URLS holds "${bad}", not a turn: or turns: URL.`);
  return {
    secret,
    urls,
    ttlSeconds: integer(env, "TURN_TTL_SECONDS", 3600, 60, 7 * 24 * 3600),
  };
}

function redisUrl(env: NodeJS.ProcessEnv): string | null {
  const url = env.REDIS_URL;
  if (!url) return null;
  if (!/^rediss?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError(`REDIS_URL must look like redis://host:6379, got "${url}".`);
  }
  return url;
}

/** `BACKEND=firebase` and its `FIREBASE_*` variables; nothing set: the embedded store. */
function backendSettings(env: NodeJS.ProcessEnv): BackendSettings {
  const kind = env.BACKEND || "embedded";
  if (kind === "embedded") return { kind };
  if (kind !== "firebase") {
    throw new ConfigError(`BACKEND must be "embedded" or "firebase", got "${kind}".`);
  }
  const projectId = env.FIREBASE_PROJECT_ID;
  if (!projectId) throw new ConfigError("BACKEND=firebase needs FIREBASE_PROJECT_ID.");
  const authEmulatorHost = env.FIREBASE_AUTH_EMULATOR_HOST || undefined;
  const firestoreEmulatorHost = env.FIRESTORE_EMULATOR_HOST || undefined;
  // The emulators take any key; a real project's web app has its own.
  const apiKey = env.FIREBASE_API_KEY || (authEmulatorHost ? "emulator" : undefined);
  if (!apiKey) throw new ConfigError("BACKEND=firebase needs FIREBASE_API_KEY (the web app's).");
  return {
    kind,
    projectId,
    apiKey,
    authDomain: env.FIREBASE_AUTH_DOMAIN || `${projectId}.firebaseapp.com`,
    ...(authEmulatorHost
      ? {
          authEmulatorHost,
          authEmulatorUrl: env.FIREBASE_AUTH_EMULATOR_URL || `http://${authEmulatorHost}`,
        }
      : {}),
    ...(firestoreEmulatorHost ? { firestoreEmulatorHost } : {}),
  };
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}
