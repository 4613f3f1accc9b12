/** Every error code the server may answer with. A closed list: clients switch on it. */
export const ERROR_CODES = [
  "invalid-payload",
  "not-in-room",
  "unknown-peer",
  "room-full",
  "unauthorized",
  "invalid-token",
  "expired-token",
  "revoked-token",
  "invalid-credentials",
  "username-taken",
  "not-found",
  "too-large",
  "length-required",
  "rate-limited",
  "forbidden-origin",
  "not-owner",
  "room-locked",
  "removed",
  "listening",
  "already-playing",
  "room-playback-limit",
  "quota-exceeded",
  "chat-off",
  "chat-muted",
  "internal",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What the UI shows for each code when the server sent no better message. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  "invalid-payload": "The request was malformed.",
  "not-in-room": "Join a room first.",
  "unknown-peer": "That player is not in your room.",
  "room-full": "This room is full.",
  unauthorized: "Sign in to do that.",
  "invalid-token": "Your sign-in is not valid. Sign in again.",
  "expired-token": "Your sign-in has expired. Sign in again.",
  "revoked-token": "Your sign-in was revoked. Sign in again.",
  "invalid-credentials": "Wrong username or password.",
  "username-taken": "That username is taken.",
  "not-found": "There is no such recording.",
  "too-large": "That is too large.",
  "length-required": "The request did not say how long it is.",
  "rate-limited": "Too many requests: wait a moment and try again.",
  "forbidden-origin": "This server does not serve pages from that site.",
  "not-owner": "Only the room's owner can do that.",
  "room-locked": "This room is locked: ask someone inside to unlock it.",
  removed: "The room's owner removed you from the room.",
  listening: "You are listening in this room: only its players can do that.",
  "already-playing": "One of your recordings is playing here already: stop it first.",
  "room-playback-limit": "This room has as many recordings playing as it takes: stop one first.",
  "quota-exceeded": "Your recordings fill your share of the store: delete some to save more.",
  "chat-off": "The room's owner has turned the chat off.",
  "chat-muted": "The room's owner has muted your chat.",
  internal: "Something went wrong on the server.",
};

export interface AckError {
  code: ErrorCode;
  /** A sentence for a person, ready to show in the UI. */
  message: string;
}

/** The answer to every acknowledged request. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(code: ErrorCode, message: string = ERROR_MESSAGES[code]): Ack<never> {
  return { ok: false, error: { code, message } };
}
