import { RECORDING_LIMITS, type RecordingDraft, type RecordingSummary } from "@nicepiano/protocol";
import type { RecordingStore } from "./recordingStore";

/**
 * Saves within each account's share of the store (`RECORDING_LIMITS.perAccount`): so
 * many recordings, so many events in all. One account's saves go one at a time here, so
 * saves sent at once cannot all pass the check before any is written.
 */
export class RecordingQuota {
  readonly #store: RecordingStore;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(store: RecordingStore) {
    this.#store = store;
  }

  /** The saved recording, or null when it would not fit in the owner's share. */
  save(owner: string, draft: RecordingDraft): Promise<RecordingSummary | null> {
    const previous = this.#queues.get(owner) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.#saveIfRoom(owner, draft));
    this.#queues.set(owner, next);
    void next
      .finally(() => {
        if (this.#queues.get(owner) === next) this.#queues.delete(owner);
      })
      .catch(() => {});
    return next;
  }

  async #saveIfRoom(owner: string, draft: RecordingDraft): Promise<RecordingSummary | null> {
    const kept = await this.#store.list(owner);
    const events = kept.reduce((sum, recording) => sum + recording.eventCount, 0);
    const { recordings, events: eventLimit } = RECORDING_LIMITS.perAccount;
    if (kept.length + 1 > recordings || events + draft.events.length > eventLimit) return null;
    return await this.#store.save(owner, draft);
  }
}
