import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

export type SqliteDatabase = Database.Database;

/** Each step brings the schema from version `index` to `index + 1`. Append only. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     username TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash BLOB NOT NULL,
     password_salt BLOB NOT NULL,
     token_version INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE recordings (
     id TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     name TEXT NOT NULL,
     start_time REAL NOT NULL,
     end_time REAL NOT NULL,
     event_count INTEGER NOT NULL,
     events TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX recordings_by_owner ON recordings (owner, created_at DESC);`,
  // A room recording's players and tempo, as JSON: { tracks?, tempo? }. Null for a solo take.
  `ALTER TABLE recordings ADD COLUMN arrangement TEXT;`,
  // Each owner's list version: one more with every save, rename and delete of theirs, so
  // that a browser's copy of the list is checked without reading the list.
  `CREATE TABLE recording_lists (owner TEXT PRIMARY KEY, version INTEGER NOT NULL);`,
];

/**
 * Opens (creating if needed) the embedded store: one SQLite file, in WAL mode so a write
 * is durable once its transaction commits and a crash mid-write leaves the last commit.
 */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  const version = db.pragma("user_version", { simple: true }) as number;
  db.transaction(() => {
    for (const [index, sql] of MIGRATIONS.entries()) {
      if (index >= version) db.exec(sql);
    }
    // A file a newer server migrated keeps its version: lowered, the next upgrade would
    // run its migrations again.
    db.pragma(`user_version = ${Math.max(version, MIGRATIONS.length)}`);
  })();
  return db;
}

/**
 * Runs synchronous database work behind a promise: a throw becomes a rejection, as it
 * would from a store that talks over the network.
 */
export function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => resolve(work()));
}
