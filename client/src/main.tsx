import { render } from "solid-js/web";
import { createAccountProvider, loadAccountsConfig } from "./accounts/accountProvider";
import { App } from "./ui/App";
import "./ui/styles.css";

// The server says how players sign in here (its own accounts or Firebase) before the
// first render, so a room page signs its socket in the right way from the start.
void loadAccountsConfig().then((config) => {
  const accounts = createAccountProvider(config);
  render(() => <App accounts={accounts} />, document.getElementById("app")!);
});
