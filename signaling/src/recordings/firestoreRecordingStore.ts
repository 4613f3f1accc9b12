import type {
  Recording,
  RecordingDraft,
  RecordingId,
  RecordingSummary,
  RecordingTempo,
  RecordingTrack,
} from "@nicepiano/protocol";
import type {
  CollectionReference,
  DocumentSnapshot,
  Firestore,
  Transaction,
} from "firebase-admin/firestore";
import { packEvents, unpackEvents } from "./packedEvents";
import type { RecordingStore } from "./recordingStore";

/** A recording as Firestore holds it: the original schema, events packed into bytes. */
interface RecordingDocument {
  owner: string;
  name: string;
  startTime: number;
  endTime: number;
  eventCount: number;
  events: Uint8Array;
  /** A room recording's players and tempo (absent for a solo take). */
  tracks?: RecordingTrack[];
  tempo?: RecordingTempo;
  /** Microseconds, rising within a server even for saves in the same millisecond. */
  createdAt: number;
}

const SUMMARY_FIELDS = [
  "owner",
  "name",
  "startTime",
  "endTime",
  "eventCount",
  "tracks",
  "tempo",
] as const;

/** What a listing shows of a recording document stored under `id`. */
function summaryOf(id: string, data: RecordingDocument): RecordingSummary {
  return {
    id,
    owner: data.owner,
    name: data.name,
    startTime: data.startTime,
    endTime: data.endTime,
    eventCount: data.eventCount,
    ...(data.tracks ? { tracks: data.tracks } : {}),
    ...(data.tempo ? { tempo: data.tempo } : {}),
  };
}

function toSummary(snapshot: DocumentSnapshot): RecordingSummary {
  return summaryOf(snapshot.id, snapshot.data() as RecordingDocument);
}

/** The owner's document holds the version of their list (`listVersion`). */
interface OwnerDocument {
  recordingsVersion?: number;
}

/**
 * Recordings in Firestore, under `users/{owner}/recordings/{id}`: a path holds only its
 * owner's recordings, so nobody can reach another's by guessing an id. Each write is one
 * Firestore transaction, acknowledged by Firestore before the promise resolves, that also
 * counts the owner's list version up (`users/{owner}.recordingsVersion`).
 */
export class FirestoreRecordingStore implements RecordingStore {
  readonly #db: Firestore;
  #lastCreatedAt = 0;

  constructor(db: Firestore) {
    this.#db = db;
  }

  async save(owner: string, draft: RecordingDraft): Promise<RecordingSummary> {
    const ref = this.#recordings(owner).doc();
    const document: RecordingDocument = {
      owner,
      name: draft.name,
      startTime: draft.startTime,
      endTime: draft.endTime,
      eventCount: draft.events.length,
      events: packEvents(draft.events),
      ...(draft.tracks ? { tracks: draft.tracks } : {}),
      ...(draft.tempo ? { tempo: draft.tempo } : {}),
      createdAt: this.#nextCreatedAt(),
    };
    await this.#changeList(owner, (transaction) => {
      transaction.create(ref, document);
      return Promise.resolve(true);
    });
    return summaryOf(ref.id, document);
  }

  async list(owner: string): Promise<RecordingSummary[]> {
    const snapshot = await this.#recordings(owner)
      .orderBy("createdAt", "desc")
      .select(...SUMMARY_FIELDS)
      .get();
    return snapshot.docs.map(toSummary);
  }

  async listVersion(owner: string): Promise<number> {
    const snapshot = await this.#db.collection("users").doc(owner).get();
    return (snapshot.data() as OwnerDocument | undefined)?.recordingsVersion ?? 0;
  }

  async get(owner: string, id: RecordingId): Promise<Recording | null> {
    const snapshot = await this.#recording(owner, id)?.get();
    if (!snapshot?.exists) return null;
    const { events } = snapshot.data() as RecordingDocument;
    return { ...toSummary(snapshot), events: unpackEvents(events) };
  }

  async has(owner: string, id: RecordingId): Promise<boolean> {
    const ref = this.#recording(owner, id);
    if (!ref) return false;
    // Only the document's name comes back, not its events.
    const [snapshot] = await this.#db.getAll(ref, { fieldMask: ["name"] });
    return snapshot?.exists === true;
  }

  async rename(owner: string, id: RecordingId, name: string): Promise<RecordingSummary | null> {
    const ref = this.#recording(owner, id);
    if (!ref) return null;
    let renamed: RecordingSummary | null = null;
    await this.#changeList(owner, async (transaction) => {
      const snapshot = await transaction.get(ref);
      if (!snapshot.exists) return false;
      transaction.update(ref, { name });
      renamed = { ...toSummary(snapshot), name };
      return true;
    });
    return renamed;
  }

  async delete(owner: string, id: RecordingId): Promise<boolean> {
    const ref = this.#recording(owner, id);
    if (!ref) return false;
    return this.#changeList(owner, async (transaction) => {
      const snapshot = await transaction.get(ref);
      if (!snapshot.exists) return false;
      transaction.delete(ref);
      return true;
    });
  }

  async ping(): Promise<void> {
    await this.#db.collection("users").limit(1).get();
  }

  /** The Firestore client belongs to the Firebase app (see `firebaseBackend.ts`). */
  close(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Runs `change` in a transaction that counts the owner's list version up when it
   * changed something (it answers whether it did).
   */
  #changeList(owner: string, change: (transaction: Transaction) => Promise<boolean>) {
    const ownerRef = this.#db.collection("users").doc(owner);
    return this.#db.runTransaction(async (transaction) => {
      // Firestore reads all before it writes in a transaction.
      const version =
        ((await transaction.get(ownerRef)).data() as OwnerDocument | undefined)
          ?.recordingsVersion ?? 0;
      const changed = await change(transaction);
      if (changed) transaction.set(ownerRef, { recordingsVersion: version + 1 }, { merge: true });
      return changed;
    });
  }

  #recordings(owner: string): CollectionReference {
    return this.#db.collection("users").doc(owner).collection("recordings");
  }

  /** The document of `id`, or undefined for an id that cannot name one (say "a/b"). */
  #recording(owner: string, id: RecordingId) {
    return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? this.#recordings(owner).doc(id) : undefined;
  }

  #nextCreatedAt(): number {
    this.#lastCreatedAt = Math.max(Date.now() * 1000, this.#lastCreatedAt + 1);
    return this.#lastCreatedAt;
  }
}
