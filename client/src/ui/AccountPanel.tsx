import { createSignal, Show } from "solid-js";
import type { AccountState } from "./createAccount";

/** Sign in or create an account; or who is signed in, and sign out. */
export function AccountPanel(props: { account: AccountState }) {
  const [username, setUsername] = createSignal("");
  const [password, setPassword] = createSignal("");
  const submit = (action: "signIn" | "signUp") => (event: Event) => {
    event.preventDefault();
    props.account[action]({ username: username().trim(), password: password() });
  };

  return (
    <section class="panel account">
      <h2>Account</h2>
      <Show
        when={props.account.account()}
        fallback={
          <form class="sign-in" onSubmit={submit("signIn")}>
            <p class="hint">Playing needs no account; recording does.</p>
            <input
              aria-label={props.account.identifier === "email" ? "Email" : "Username"}
              placeholder={props.account.identifier}
              type={props.account.identifier === "email" ? "email" : "text"}
              autocomplete={props.account.identifier}
              value={username()}
              onInput={(event) => setUsername(event.currentTarget.value)}
            />
            <input
              aria-label="Password"
              placeholder="password"
              type="password"
              autocomplete="current-password"
              value={password()}
              onInput={(event) => setPassword(event.currentTarget.value)}
            />
            <div class="buttons">
              <button type="submit" disabled={props.account.busy()}>
                Sign in
              </button>
              <button type="button" disabled={props.account.busy()} onClick={submit("signUp")}>
                Create account
              </button>
            </div>
          </form>
        }
      >
        {(account) => (
          <p>
            Signed in as <strong>{account().username}</strong>{" "}
            <button onClick={() => props.account.signOut()}>Sign out</button>
          </p>
        )}
      </Show>
      <Show when={props.account.error()}>
        <p class="error" role="alert">
          {props.account.error()}
        </p>
      </Show>
    </section>
  );
}
