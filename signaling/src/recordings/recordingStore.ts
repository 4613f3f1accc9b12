import type { Recording, RecordingDraft, RecordingId, RecordingSummary } from "@nicepiano/protocol";

/**
 * Where recordings live: SQLite on one machine, Firestore in the cloud. Every method takes
 * the owner, and a recording of someone else is as absent as one that does not exist.
 * A method resolves only once its change is committed.
 */
export interface RecordingStore {
  save(owner: string, draft: RecordingDraft): Promise<RecordingSummary>;
  /** The owner's recordings, newest first. */
  list(owner: string): Promise<RecordingSummary[]>;
  /**
   * A number that changes whenever the owner's list does (a save, rename or delete of
   * theirs), read without reading the list.
   */
  listVersion(owner: string): Promise<number>;
  get(owner: string, id: RecordingId): Promise<Recording | null>;
  /** Whether the owner has `id`, without reading its events (a cached copy's check). */
  has(owner: string, id: RecordingId): Promise<boolean>;
  rename(owner: string, id: RecordingId, name: string): Promise<RecordingSummary | null>;
  delete(owner: string, id: RecordingId): Promise<boolean>;
  /** Whether the store answers (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
