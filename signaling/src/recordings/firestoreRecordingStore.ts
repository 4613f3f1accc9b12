import type {
  Recording,
  RecordingDraft,
  RecordingId,
  RecordingSummary,
  RecordingTempo,
  RecordingTrack,
} from "@nicepiano/protocol";
import type { CollectionReference, DocumentSnapshot, Firestore } from "firebase-admin/firestore";
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

/** gRPC's NOT_FOUND, what a write with an `exists` precondition fails with. */
const NOT_FOUND = 5;

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

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === NOT_FOUND;
}

/**
 * Recordings in Firestore, under `users/{owner}/recordings/{id}`: a path holds only its
 * owner's recordings, so nobody can reach another's by guessing an id. Each write is one
 * Firestore commit, acknowledged by Firestore before the promise resolves.
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
    await ref.create(document);
    return summaryOf(ref.id, document);
  }

  async list(owner: string): Promise<RecordingSummary[]> {
    const snapshot = await this.#recordings(owner)
      .orderBy("createdAt", "desc")
      .select(...SUMMARY_FIELDS)
      .get();
    return snapshot.docs.map(toSummary);
  }

  async get(owner: string, id: RecordingId): Promise<Recording | null> {
    const snapshot = await this.#recording(owner, id)?.get();
    if (!snapshot?.exists) return null;
    const { events } = snapshot.data() as RecordingDocument;
    return { ...toSummary(snapshot), events: unpackEvents(events) };
  }

  async rename(owner: string, id: RecordingId, name: string): Promise<RecordingSummary | null> {
    const ref = this.#recording(owner, id);
    if (!ref) return null;
    try {
      // `update` fails with NOT_FOUND rather than create a document.
      await ref.update({ name });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const snapshot = await ref.get();
    return snapshot.exists ? toSummary(snapshot) : null;
  }

  async delete(owner: string, id: RecordingId): Promise<boolean> {
    const ref = this.#recording(owner, id);
    if (!ref) return false;
    try {
      await ref.delete({ exists: true });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async ping(): Promise<void> {
    await this.#db.collection("users").limit(1).get();
  }

  /** The Firestore client belongs to the Firebase app (see `firebaseBackend.ts`). */
  close(): Promise<void> {
    return Promise.resolve();
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
