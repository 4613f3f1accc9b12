import { fileURLToPath } from "node:url";
import {
  LATENCY_PING_INTERVAL_MS,
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
  pingTimeoutMs: Millis;
  maxRoomMembers: number;
  /** Where the embedded back end keeps its SQLite file; null: in memory (tests). */
  dataDir: string | null;
  /** Handed to every client; empty: host candidates only, nothing outside is contacted. */
  iceServers: IceServer[];
  logLevel: string;
}

export const DEFAULT_CONFIG: ServerConfig = {
  port: 8080,
  host: "0.0.0.0",
  clientDist: fileURLToPath(new URL("../../client/dist", import.meta.url)),
  pingIntervalMs: LATENCY_PING_INTERVAL_MS,
  pingTimeoutMs: LATENCY_PING_TIMEOUT_MS,
  maxRoomMembers: LIMITS.roomMembers,
  dataDir: null,
  iceServers: [],
  logLevel: "info",
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the configuration from environment variables; unknown values fail loudly. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    port: integer(env, "PORT", DEFAULT_CONFIG.port, 0, 65_535),
    host: env.HOST || DEFAULT_CONFIG.host,
    clientDist: env.CLIENT_DIST || DEFAULT_CONFIG.clientDist,
    pingIntervalMs: integer(env, "PING_INTERVAL_MS", DEFAULT_CONFIG.pingIntervalMs, 100, 60_000),
    maxRoomMembers: integer(env, "MAX_ROOM_MEMBERS", DEFAULT_CONFIG.maxRoomMembers, 2, 64),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    dataDir: env.DATA_DIR || fileURLToPath(new URL("../../data", import.meta.url)),
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
