import type { Account, Credentials } from "@nicepiano/protocol";
import { createSignal } from "solid-js";
import {
  confirmSession,
  signIn,
  signOut,
  signUp,
  storedSession,
  type AccountSession,
} from "../accounts/accountSession";
import { ApiError } from "../accounts/apiRequest";

/** The signed-in account as Solid state, checked with the server on load. */
export function createAccount() {
  const [session, setSession] = createSignal<AccountSession | undefined>(storedSession());
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const kept = session();
  if (kept) {
    confirmSession(kept).catch((reason: unknown) => {
      // Only a refusal signs out; an unreachable server is no reason to forget the session.
      if (reason instanceof ApiError && reason.status === 401) {
        signOut();
        setSession(undefined);
        setError(reason.message);
      }
    });
  }

  const run =
    (action: (credentials: Credentials) => Promise<AccountSession>) =>
    (credentials: Credentials) => {
      setBusy(true);
      setError(undefined);
      action(credentials)
        .then(setSession, (reason: unknown) =>
          setError(reason instanceof Error ? reason.message : String(reason)),
        )
        .finally(() => setBusy(false));
    };

  return {
    session,
    account: (): Account | undefined => session()?.account,
    error,
    busy,
    signIn: run(signIn),
    signUp: run(signUp),
    signOut: () => {
      signOut();
      setSession(undefined);
    },
  };
}

export type AccountState = ReturnType<typeof createAccount>;
