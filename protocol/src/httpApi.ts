import type { Account, AccountsConfig, SignInAnswer } from "./accounts";
import type { Recording, RecordingSummary, RecordingTake } from "./recordings";

/**
 * The HTTP API, written once for every side: the paths under `API_BASE` (the server
 * mounts its routers on them; the page, the load tester and the tests call them) and
 * what each answers. Requests are checked by the schemas next to their types
 * (`credentialsSchema`, `recordingDraftSchema`, `renameRecordingSchema`); a refusal is
 * `{ error: AckError }` with the HTTP status of its code.
 */
export const API_BASE = "/api";

export const API_PATHS = {
  /** GET: AccountsConfig, how the page signs in. */
  config: "/config",
  /** POST Credentials: SignInAnswer (201). Embedded back end only. */
  signUp: "/auth/signup",
  /** POST Credentials: SignInAnswer. Embedded back end only. */
  signIn: "/auth/signin",
  /** POST (signed in): signs the account out everywhere, its tokens revoked (204). */
  signOut: "/auth/signout",
  /** GET (signed in): MeAnswer. */
  me: "/me",
  /** GET: RecordingsAnswer; POST RecordingDraft: RecordingAnswer<RecordingSummary> (201). */
  recordings: "/recordings",
  /**
   * GET: a stream of server-sent events, each a `ListedRooms` (the rooms their owners
   * list for anyone to join): the list at once, then again whenever it changes.
   */
  listedRooms: "/rooms/live",
} as const;

/**
 * One recording: GET RecordingAnswer (revalidated: `no-cache` with an ETag, its name can
 * change); PATCH RenameRecording; DELETE (204).
 */
export function recordingPath(id: string): string {
  return `${API_PATHS.recordings}/${encodeURIComponent(id)}`;
}

/**
 * One recording's take, what never changes under its id: GET RecordingTakeAnswer, cached
 * by the browser for good (`immutable`, with an ETag for a conditional request).
 */
export function recordingTakePath(id: string): string {
  return `${recordingPath(id)}/take`;
}

/** The URL path of an API path (`/api/recordings`, …). */
export function apiUrl(path: string): string {
  return `${API_BASE}${path}`;
}

export type { AccountsConfig, SignInAnswer };

export interface MeAnswer {
  account: Account;
  backend: AccountsConfig["backend"];
}

export interface RecordingsAnswer {
  recordings: RecordingSummary[];
  /**
   * The version of the list this answer is (it goes up with each change): a page gives it
   * back when it reconnects (`HandshakeAuth.recordings`), and hears if it is out of date.
   */
  version: number;
}

export interface RecordingAnswer<R extends RecordingSummary = Recording> {
  recording: R;
}

export interface RecordingTakeAnswer {
  take: RecordingTake;
}
