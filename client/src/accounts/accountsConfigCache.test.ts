import { afterEach, describe, expect, it, vi } from "vitest";
import type { AccountsConfig } from "@nicepiano/protocol";
import { withAccountsConfig } from "./accountsConfigCache";
import { memoryStorage } from "../testing/memoryStorage";

const FIREBASE = {
  backend: "firebase",
  firebase: { apiKey: "k", authDomain: "demo.example", projectId: "demo-np", appId: "a" },
} as unknown as AccountsConfig;

/** The server's answer to `GET /api/config`, as `fetch` gives it to the page. */
function serverSays(config: AccountsConfig) {
  vi.stubGlobal("fetch", () => Promise.resolve(new Response(JSON.stringify(config))));
}

describe("withAccountsConfig", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("waits for the server on a first visit, and keeps its answer", async () => {
    const storage = memoryStorage();
    serverSays(FIREBASE);
    const started: AccountsConfig[] = [];
    await withAccountsConfig((config) => started.push(config), { storage, reload: () => {} });
    expect(started).toEqual([FIREBASE]);
    expect(JSON.parse(storage.getItem("nicepiano.accountsConfig")!)).toEqual(FIREBASE);
  });

  it("starts at once with the kept settings, and reloads only when the server's changed", async () => {
    const storage = memoryStorage();
    storage.setItem("nicepiano.accountsConfig", JSON.stringify({ backend: "embedded" }));
    serverSays({ backend: "embedded" });
    const started: AccountsConfig[] = [];
    let reloads = 0;
    const done = withAccountsConfig((config) => started.push(config), {
      storage,
      reload: () => reloads++,
    });
    expect(started).toEqual([{ backend: "embedded" }]); // before the server answered
    await done;
    expect(reloads).toBe(0);

    serverSays(FIREBASE);
    await withAccountsConfig(() => {}, { storage, reload: () => reloads++ });
    expect(reloads).toBe(1);
    expect(JSON.parse(storage.getItem("nicepiano.accountsConfig")!)).toEqual(FIREBASE);
  });
});
