import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AccountsConfig } from "@nicepiano/protocol";
import { LocalAccounts } from "./auth/localAccounts";
import type { TokenVerifier } from "./auth/tokenVerifier";
import type { ServerConfig } from "./config";
import type { RecordingStore } from "./recordings/recordingStore";
import { SqliteRecordingStore } from "./recordings/sqliteRecordingStore";
import { openDatabase } from "./store/openDatabase";

/** Accounts and recordings, whichever back end holds them. */
export interface Backend {
  kind: AccountsConfig["backend"];
  /** What the browser needs to sign in (`GET /api/config`). */
  accountsConfig: AccountsConfig;
  verifier: TokenVerifier;
  /** Username and password sign-up and sign-in; only the embedded back end has them. */
  localAccounts?: LocalAccounts;
  recordings: RecordingStore;
  close(): Promise<void>;
}

/**
 * The back end the configuration names: embedded unless `BACKEND=firebase`. Firebase's
 * SDK (firebase-admin and the Google Cloud clients under it, about 20 MB of heap that
 * every full garbage collection walks) is loaded only for the Firebase back end.
 */
export async function createBackend(config: ServerConfig): Promise<Backend> {
  const { backend } = config;
  if (backend.kind !== "firebase") return createEmbeddedBackend({ dataDir: config.dataDir });
  const { createFirebaseBackend } = await import("./firebase/firebaseBackend");
  return createFirebaseBackend(backend);
}

export interface EmbeddedBackendOptions {
  /** Folder of the SQLite file and the session secret; null keeps everything in memory. */
  dataDir: string | null;
  /** Signs session tokens; by default read from (or made in) `<dataDir>/session-secret`. */
  sessionSecret?: Uint8Array;
}

/** The default back end: SQLite under `dataDir`, local accounts. Nothing to set up. */
export function createEmbeddedBackend({ dataDir, sessionSecret }: EmbeddedBackendOptions): Backend {
  const db = openDatabase(dataDir === null ? ":memory:" : join(dataDir, "nicepiano.db"));
  const secret = sessionSecret ?? (dataDir === null ? randomBytes(32) : storedSecret(dataDir));
  const localAccounts = new LocalAccounts({ db, secret });
  return {
    kind: "embedded",
    accountsConfig: { backend: "embedded" },
    verifier: localAccounts,
    localAccounts,
    recordings: new SqliteRecordingStore(db),
    close: () => {
      if (db.open) db.close();
      return Promise.resolve();
    },
  };
}

/**
 * The secret kept beside the database, so sessions survive a restart. Written whole or
 * not at all (a temporary file renamed into place); one found damaged (cut short by a
 * crash of an older server) is replaced: sessions signed with it end, the server starts.
 */
function storedSecret(dataDir: string): Uint8Array {
  const path = join(dataDir, "session-secret");
  const kept = existsSync(path) ? readFileSync(path, "utf8").trim() : "";
  if (/^[0-9a-f]{64}$/.test(kept)) return Buffer.from(kept, "hex");
  const secret = randomBytes(32);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, secret.toString("hex"), { mode: 0o600, flush: true });
  renameSync(temporary, path);
  return secret;
}
