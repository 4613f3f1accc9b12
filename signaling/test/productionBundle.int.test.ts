import type { ClientToServerEvents, ServerToClientEvents } from "@nicepiano/protocol";
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "./support/serverProcess";

/** The compiled server that `npm run serve` and the production image run (`npm run build`). */
const BUNDLE = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const signaling = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** The packages a module imports by name (not relative paths), without their subpaths. */
function importedPackages(source: string): Set<string> {
  const names = new Set<string>();
  for (const [, specifier] of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*"([^"./][^"]*)"/g)) {
    const parts = specifier!.split("/");
    names.add(specifier!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return names;
}

describe("the compiled server (signaling/dist/main.js)", () => {
  let server: ServerProcess;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
    // node alone: no TypeScript loader, no options from the test runner's process.
    server = await startServerProcess({ NODE_OPTIONS: "" }, undefined, { main: BUNDLE });
  });
  afterAll(async () => {
    await server?.kill();
  });

  it("imports nothing but Node's modules and the server's own dependencies", () => {
    const imported = importedPackages(readFileSync(BUNDLE, "utf8"));
    const allowed = new Set([...Object.keys(signaling.dependencies), ...builtinModules]);
    const strays = [...imported].filter((name) => !name.startsWith("node:") && !allowed.has(name));
    expect(strays).toEqual([]);
    // The test's own check sees the imports it must allow.
    expect(imported).toContain("express");
    expect(imported).toContain("better-sqlite3");
    for (const dev of Object.keys(signaling.devDependencies ?? {}))
      expect(imported).not.toContain(dev);
  });

  it("runs on node alone: ready, the web app, a piano sample, and a room to join", async () => {
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { ready: boolean };
    expect(ready.ready).toBe(true);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("NicePiano");
    const sample = await fetch(`${server.url}/samples/A0v8.mp3`);
    expect(sample.status).toBe(200);
    expect((await sample.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const client: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, {
      transports: ["websocket"],
    });
    try {
      const answer = await client.emitWithAck("join", { room: "bundle", name: "Ada" });
      expect(answer.ok).toBe(true);
      // The protocol's checks are in the bundle: a malformed join is refused, typed.
      const refused = await client.emitWithAck("join", { room: "", name: 7 } as never);
      expect(refused).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
    } finally {
      client.close();
    }
  });
});
