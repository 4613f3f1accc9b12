import {
  API_PATHS,
  apiUrl,
  ERROR_CODES,
  ERROR_MESSAGES,
  type AckError,
  type ErrorCode,
} from "@nicepiano/protocol";

/** A refusal from the HTTP API, with its code and a message for the UI. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  token?: string | undefined;
}

/** Calls the API at `path` (an API_PATHS path) with JSON; resolves with the answer or throws an `ApiError`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: options.method ?? (options.body === undefined ? "GET" : "POST"),
      headers: {
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError("internal", "The server cannot be reached. Check the connection.", 0);
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as T;
  throw toApiError(body, response.status);
}

/** Signs the token's account out on the server; a server out of reach leaves it be. */
export async function revokeOnServer(token: string): Promise<void> {
  await apiRequest(API_PATHS.signOut, { token, body: {} }).catch(() => {});
}

function toApiError(body: unknown, status: number): ApiError {
  const error = (body as { error?: Partial<AckError> } | null)?.error;
  const code = ERROR_CODES.find((known) => known === error?.code) ?? "internal";
  const message = typeof error?.message === "string" ? error.message : ERROR_MESSAGES[code];
  return new ApiError(code, message, status);
}
