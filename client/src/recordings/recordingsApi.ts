import {
  API_PATHS,
  recordingPath,
  recordingTakePath,
  type Recording,
  type RecordingAnswer,
  type RecordingTake,
  type RecordingTakeAnswer,
  type RecordingDraft,
  type RecordingId,
  type RecordingsAnswer,
  type RecordingSummary,
} from "@nicepiano/protocol";
import { apiRequest } from "../accounts/apiRequest";

/** The signed-in player's recordings on the server. */
export class RecordingsApi {
  /** `token` gives the token to send with each request (a fresh one, for Firebase). */
  constructor(private readonly token: () => Promise<string | undefined>) {}

  /** The list, with its version (which the page gives back when it reconnects). */
  async list(): Promise<RecordingsAnswer> {
    return await apiRequest<RecordingsAnswer>(API_PATHS.recordings, await this.#auth());
  }

  async save(draft: RecordingDraft): Promise<RecordingSummary> {
    const options = { ...(await this.#auth()), body: draft };
    return (await apiRequest<RecordingAnswer<RecordingSummary>>(API_PATHS.recordings, options))
      .recording;
  }

  async get(id: RecordingId): Promise<Recording> {
    return (await apiRequest<RecordingAnswer>(recordingPath(id), await this.#auth())).recording;
  }

  /** The take of `id`: the browser keeps it for good (it never changes), asked for once. */
  async take(id: RecordingId): Promise<RecordingTake> {
    return (await apiRequest<RecordingTakeAnswer>(recordingTakePath(id), await this.#auth())).take;
  }

  async rename(id: RecordingId, name: string): Promise<RecordingSummary> {
    const options = { ...(await this.#auth()), method: "PATCH", body: { name } } as const;
    return (await apiRequest<RecordingAnswer<RecordingSummary>>(recordingPath(id), options))
      .recording;
  }

  async remove(id: RecordingId): Promise<void> {
    await apiRequest(recordingPath(id), { ...(await this.#auth()), method: "DELETE" });
  }

  async #auth() {
    return { token: await this.token() };
  }
}
