import type { Account, AckError, Recording, SignInAnswer } from "@nicepiano/protocol";

/** Any answer of the API, as the tests read it. */
export interface ApiBody {
  error?: AckError;
  account?: Account;
  token?: string;
  backend?: string;
  recording?: Recording;
  recordings?: Recording[];
  version?: number;
}

export interface ApiInit {
  method?: string;
  token?: string | undefined;
  body?: unknown;
  /** Sent as it is, for bodies that are not JSON. */
  rawBody?: string;
}

/** Calls `<baseUrl>/api<path>` as the web app does; gives the status and the parsed body. */
export function apiClient(baseUrl: () => string) {
  return async (path: string, init: ApiInit = {}) => {
    const response = await fetch(`${baseUrl()}/api${path}`, {
      method:
        init.method ?? (init.body === undefined && init.rawBody === undefined ? "GET" : "POST"),
      headers: {
        "content-type": "application/json",
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as ApiBody,
    };
  };
}

/** Creates an account through the API (`api` from `apiClient`): its account and token. */
export async function signUpThrough(
  api: ReturnType<typeof apiClient>,
  username: string,
  password: string,
): Promise<SignInAnswer> {
  return (await api("/auth/signup", { body: { username, password } })).body as SignInAnswer;
}
