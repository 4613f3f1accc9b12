import type { Recording, RecordingDraft, RecordingId, RecordingSummary } from "@nicepiano/protocol";
import { apiRequest } from "../accounts/apiRequest";

/** The signed-in player's recordings on the server. */
export class RecordingsApi {
  /** `token` gives the token to send with each request (a fresh one, for Firebase). */
  constructor(private readonly token: () => Promise<string | undefined>) {}

  async list(): Promise<RecordingSummary[]> {
    return (await apiRequest<{ recordings: RecordingSummary[] }>("/recordings", await this.#auth()))
      .recordings;
  }

  async save(draft: RecordingDraft): Promise<RecordingSummary> {
    return (
      await apiRequest<{ recording: RecordingSummary }>("/recordings", {
        ...(await this.#auth()),
        body: draft,
      })
    ).recording;
  }

  async get(id: RecordingId): Promise<Recording> {
    return (
      await apiRequest<{ recording: Recording }>(
        `/recordings/${encodeURIComponent(id)}`,
        await this.#auth(),
      )
    ).recording;
  }

  async rename(id: RecordingId, name: string): Promise<RecordingSummary> {
    return (
      await apiRequest<{ recording: RecordingSummary }>(`/recordings/${encodeURIComponent(id)}`, {
        ...(await this.#auth()),
        method: "PATCH",
        body: { name },
      })
    ).recording;
  }

  async remove(id: RecordingId): Promise<void> {
    await apiRequest(`/recordings/${encodeURIComponent(id)}`, {
      ...(await this.#auth()),
      method: "DELETE",
    });
  }

  async #auth() {
    return { token: await this.token() };
  }
}
