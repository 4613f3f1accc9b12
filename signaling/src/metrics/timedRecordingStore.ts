import type { Recording, RecordingDraft, RecordingId, RecordingSummary } from "@nicepiano/protocol";
import type { Histogram } from "prom-client";
import type { RecordingStore } from "../recordings/recordingStore";

/** A recording store whose every operation's duration and outcome go to a histogram. */
export class TimedRecordingStore implements RecordingStore {
  readonly #store: RecordingStore;
  readonly #histogram: Histogram<"operation" | "outcome">;

  constructor(store: RecordingStore, histogram: Histogram<"operation" | "outcome">) {
    this.#store = store;
    this.#histogram = histogram;
  }

  save(owner: string, draft: RecordingDraft): Promise<RecordingSummary> {
    return this.#time("save", () => this.#store.save(owner, draft));
  }

  list(owner: string): Promise<RecordingSummary[]> {
    return this.#time("list", () => this.#store.list(owner));
  }

  listVersion(owner: string): Promise<number> {
    return this.#time("listVersion", () => this.#store.listVersion(owner));
  }

  get(owner: string, id: RecordingId): Promise<Recording | null> {
    return this.#time("get", () => this.#store.get(owner, id));
  }

  has(owner: string, id: RecordingId): Promise<boolean> {
    return this.#time("has", () => this.#store.has(owner, id));
  }

  rename(owner: string, id: RecordingId, name: string): Promise<RecordingSummary | null> {
    return this.#time("rename", () => this.#store.rename(owner, id, name));
  }

  delete(owner: string, id: RecordingId): Promise<boolean> {
    return this.#time("delete", () => this.#store.delete(owner, id));
  }

  ping(): Promise<void> {
    return this.#time("ping", () => this.#store.ping());
  }

  close(): Promise<void> {
    return this.#store.close();
  }

  async #time<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const stop = this.#histogram.startTimer({ operation });
    try {
      const result = await run();
      stop({ outcome: "ok" });
      return result;
    } catch (error) {
      stop({ outcome: "error" });
      throw error;
    }
  }
}
