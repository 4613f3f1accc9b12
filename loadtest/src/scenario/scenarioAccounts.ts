import {
  API_PATHS,
  apiUrl,
  PeerMessageType,
  type RecordingAnswer,
  type RecordingDraft,
  type RecordingSummary,
  type SignInAnswer,
} from "@nicepiano/protocol";
import type { UserAccount } from "../workers/workerProtocol";

/** A take of `notes` notes, a tenth of a second apart. */
export function takeOf(name: string, notes: number): RecordingDraft {
  const events: RecordingDraft["events"] = [];
  for (let i = 0; i < notes; i++) {
    const note = 48 + (i % 24);
    events.push(
      [i * 100, PeerMessageType.NoteOn, note, 80],
      [i * 100 + 80, PeerMessageType.NoteOff, note, 0],
    );
  }
  return { name, startTime: 0, endTime: notes * 100, events };
}

/** POSTs `body` as JSON (as `token`'s account); the answer, or an error naming the status. */
export async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`POST ${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Before the run (and outside its figures): signs up one account per user on the embedded
 * back end, each with `takes` saved recordings of 100 notes, `parallel` users at a time.
 */
export async function createAccounts(
  urls: string[],
  users: number,
  runId: string,
  takes = 2,
  parallel = 8,
): Promise<UserAccount[]> {
  const accounts: UserAccount[] = new Array<UserAccount>(users);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < users; i = next++) {
      const url = urls[i % urls.length]!;
      const { token } = await post<SignInAnswer>(`${url}${apiUrl(API_PATHS.signUp)}`, {
        username: `load-${runId}-${i}`,
        password: `load-test-password-${runId}`,
      });
      const recordingIds: string[] = [];
      for (let t = 0; t < takes; t++) {
        const saved = await post<RecordingAnswer<RecordingSummary>>(
          `${url}${apiUrl(API_PATHS.recordings)}`,
          takeOf(`Take ${t + 1}`, 100),
          token,
        );
        recordingIds.push(saved.recording.id);
      }
      accounts[i] = { token, recordingIds };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return accounts;
}
