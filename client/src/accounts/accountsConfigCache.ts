import type { AccountsConfig } from "@nicepiano/protocol";
import { loadAccountsConfig } from "./accountProvider";

const CONFIG_KEY = "nicepiano.accountsConfig";

/**
 * Calls `start` with the server's sign-in settings: at once with the ones it gave last
 * time (a returning page does not wait for the server), else when it answers. Settings that
 * changed since (the server moved to Firebase) are kept and the page is loaded again with
 * them, `reload` by default.
 */
export function withAccountsConfig(
  start: (config: AccountsConfig) => void,
  { storage = localStorage, reload = () => location.reload() } = {},
): Promise<void> {
  const kept = readKept(storage);
  if (kept) start(kept);
  return loadAccountsConfig().then((config) => {
    const fresh = JSON.stringify(config);
    storage.setItem(CONFIG_KEY, fresh);
    if (!kept) start(config);
    else if (JSON.stringify(kept) !== fresh) reload();
  });
}

function readKept(storage: Storage): AccountsConfig | undefined {
  try {
    const kept = JSON.parse(storage.getItem(CONFIG_KEY) ?? "null") as AccountsConfig | null;
    if (kept?.backend === "embedded") return { backend: "embedded" };
    if (kept?.backend === "firebase" && typeof kept.firebase === "object") return kept;
  } catch {
    // unreadable: wait for the server
  }
  return undefined;
}
