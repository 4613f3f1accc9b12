import { randomUUID } from "node:crypto";
import type {
  RecordedEvent,
  Recording,
  RecordingDraft,
  RecordingSummary,
} from "@nicepiano/protocol";
import { settle, type SqliteDatabase } from "../store/openDatabase";
import type { RecordingStore } from "./recordingStore";

interface Row {
  id: string;
  owner: string;
  name: string;
  start_time: number;
  end_time: number;
  event_count: number;
  arrangement: string | null;
}

/** What a room recording has beyond a solo take. */
type Arrangement = Pick<RecordingDraft, "tracks" | "tempo">;

const SUMMARY_COLUMNS = "id, owner, name, start_time, end_time, event_count, arrangement";

function toSummary(row: Row): RecordingSummary {
  // Written by `save` from a validated draft; read back as it was written.
  const arrangement = row.arrangement ? (JSON.parse(row.arrangement) as Arrangement) : {};
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    startTime: row.start_time,
    endTime: row.end_time,
    eventCount: row.event_count,
    ...arrangement,
  };
}

function arrangementOf({ tracks, tempo }: RecordingDraft): Arrangement | undefined {
  if (!tracks && !tempo) return undefined;
  return { ...(tracks ? { tracks } : {}), ...(tempo ? { tempo } : {}) };
}

/** Recordings in the embedded SQLite file. Each write is one transaction. */
export class SqliteRecordingStore implements RecordingStore {
  readonly #db: SqliteDatabase;
  readonly #statements;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#statements = {
      insert: db.prepare(
        `INSERT INTO recordings (id, owner, name, start_time, end_time, event_count, events, arrangement, created_at)
         VALUES (@id, @owner, @name, @startTime, @endTime, @eventCount, @events, @arrangement, @createdAt)`,
      ),
      list: db.prepare<[string], Row>(
        `SELECT ${SUMMARY_COLUMNS} FROM recordings WHERE owner = ? ORDER BY created_at DESC, rowid DESC`,
      ),
      get: db.prepare<[string, string], Row & { events: string }>(
        `SELECT ${SUMMARY_COLUMNS}, events FROM recordings WHERE owner = ? AND id = ?`,
      ),
      has: db.prepare<[string, string], { found: 1 }>(
        `SELECT 1 AS found FROM recordings WHERE owner = ? AND id = ?`,
      ),
      summary: db.prepare<[string, string], Row>(
        `SELECT ${SUMMARY_COLUMNS} FROM recordings WHERE owner = ? AND id = ?`,
      ),
      rename: db.prepare<[string, string, string]>(
        `UPDATE recordings SET name = ? WHERE owner = ? AND id = ?`,
      ),
      delete: db.prepare<[string, string]>(`DELETE FROM recordings WHERE owner = ? AND id = ?`),
      listVersion: db.prepare<[string], { version: number }>(
        `SELECT version FROM recording_lists WHERE owner = ?`,
      ),
      bumpListVersion: db.prepare<[string]>(
        `INSERT INTO recording_lists (owner, version) VALUES (?, 1)
         ON CONFLICT (owner) DO UPDATE SET version = version + 1`,
      ),
    };
  }

  save(owner: string, draft: RecordingDraft): Promise<RecordingSummary> {
    return settle(() => {
      const arrangement = arrangementOf(draft);
      const summary: RecordingSummary = {
        id: randomUUID(),
        owner,
        name: draft.name,
        startTime: draft.startTime,
        endTime: draft.endTime,
        eventCount: draft.events.length,
        ...arrangement,
      };
      this.#db.transaction(() => {
        this.#statements.insert.run({
          id: summary.id,
          owner,
          name: summary.name,
          startTime: summary.startTime,
          endTime: summary.endTime,
          eventCount: summary.eventCount,
          events: JSON.stringify(draft.events),
          arrangement: arrangement ? JSON.stringify(arrangement) : null,
          createdAt: Date.now(),
        });
        this.#statements.bumpListVersion.run(owner);
      })();
      return summary;
    });
  }

  list(owner: string): Promise<RecordingSummary[]> {
    return settle(() => this.#statements.list.all(owner).map(toSummary));
  }

  listVersion(owner: string): Promise<number> {
    return settle(() => this.#statements.listVersion.get(owner)?.version ?? 0);
  }

  get(owner: string, id: string): Promise<Recording | null> {
    return settle(() => {
      const row = this.#statements.get.get(owner, id);
      if (!row) return null;
      // Written by `save` from a validated draft; read back as it was written.
      const events = JSON.parse(row.events) as RecordedEvent[];
      return { ...toSummary(row), events };
    });
  }

  has(owner: string, id: string): Promise<boolean> {
    return settle(() => this.#statements.has.get(owner, id) !== undefined);
  }

  rename(owner: string, id: string, name: string): Promise<RecordingSummary | null> {
    return settle(() => {
      const changed = this.#db.transaction(() => {
        if (this.#statements.rename.run(name, owner, id).changes === 0) return null;
        this.#statements.bumpListVersion.run(owner);
        return this.#statements.summary.get(owner, id) ?? null;
      })();
      return changed && toSummary(changed);
    });
  }

  delete(owner: string, id: string): Promise<boolean> {
    return settle(() =>
      this.#db.transaction(() => {
        if (this.#statements.delete.run(owner, id).changes === 0) return false;
        this.#statements.bumpListVersion.run(owner);
        return true;
      })(),
    );
  }

  ping(): Promise<void> {
    return settle(() => void this.#db.prepare("SELECT 1").get());
  }

  /** The database belongs to whoever opened it (see `embeddedBackend.ts`). */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
