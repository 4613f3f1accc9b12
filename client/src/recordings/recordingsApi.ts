import type { Recording, RecordingDraft, RecordingId, RecordingSummary } from "@nicepiano/protocol";
import { apiRequest } from "../accounts/apiRequest";

/** The signed-in player's recordings on the server. */
export class RecordingsApi {
  constructor(private readonly token: string) {}

  async list(): Promise<RecordingSummary[]> {
    return (await apiRequest<{ recordings: RecordingSummary[] }>("/recordings", this.#auth()))
      .recordings;
  }

  async save(draft: RecordingDraft): Promise<RecordingSummary> {
    return (
      await apiRequest<{ recording: RecordingSummary }>("/recordings", {
        ...this.#auth(),
        body: draft,
      })
    ).recording;
  }

  async get(id: RecordingId): Promise<Recording> {
    return (
      await apiRequest<{ recording: Recording }>(
        `/recordings/${encodeURIComponent(id)}`,
        this.#auth(),
      )
    ).recording;
  }

  async rename(id: RecordingId, name: string): Promise<RecordingSummary> {
    return (
      await apiRequest<{ recording: RecordingSummary }>(`/recordings/${encodeURIComponent(id)}`, {
        ...this.#auth(),
        method: "PATCH",
        body: { name },
      })
    ).recording;
  }

  async remove(id: RecordingId): Promise<void> {
    await apiRequest(`/recordings/${encodeURIComponent(id)}`, {
      ...this.#auth(),
      method: "DELETE",
    });
  }

  #auth() {
    return { token: this.token };
  }
}
