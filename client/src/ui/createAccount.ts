import type { Account, Credentials } from "@nicepiano/protocol";
import { createSignal } from "solid-js";
import type { AccountProvider } from "../accounts/accountProvider";

const messageOf = (reason: unknown) => (reason instanceof Error ? reason.message : String(reason));

/** The signed-in account as Solid state, restored (and checked) when the page loads. */
export function createAccount(provider: AccountProvider) {
  const [account, setAccount] = createSignal<Account>();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  provider.restore().then(setAccount, (reason: unknown) => setError(messageOf(reason)));

  /** Runs a sign-in, sign-up or sign-out; its answer is the account from then on. */
  const run = (action: () => Promise<Account | undefined>) => {
    setBusy(true);
    setError(undefined);
    action()
      .then(setAccount, (reason: unknown) => setError(messageOf(reason)))
      .finally(() => setBusy(false));
  };

  return {
    account,
    /** A token of the signed-in account to send now (fresh, for Firebase). */
    token: () => provider.token(),
    identifier: provider.identifier,
    error,
    busy,
    signIn: (credentials: Credentials) => run(() => provider.signIn(credentials)),
    signUp: (credentials: Credentials) => run(() => provider.signUp(credentials)),
    signOut: () => run(() => provider.signOut().then(() => undefined)),
  };
}

export type AccountState = ReturnType<typeof createAccount>;
