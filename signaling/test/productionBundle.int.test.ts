import type { ClientToServerEvents, ServerToClientEvents } from "@nicepiano/protocol";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startServerProcess, type ServerProcess } from "./support/serverProcess";

/** The compiled server that `npm run serve` and the production image run (`npm run build`). */
const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const BUNDLE = join(DIST, "main.js");
/** Preloaded into a server: it writes down every module the process loads. */
const RECORD_IMPORTS = fileURLToPath(new URL("./support/recordImports.ts", import.meta.url));
const signaling = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies?: Record<string, string>;
};

/** The JavaScript files of the build: `main.js` and the chunks it loads. */
function builtFiles(): string[] {
  return readdirSync(DIST, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => join(DIST, file));
}

/**
 * The compiled server, run by node alone (no TypeScript loader, no options from the test
 * runner's process), writing down every module it loads to `importsLog`.
 */
function startRecordingImports(
  importsLog: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  return startServerProcess({ NODE_OPTIONS: "", IMPORTS_LOG: importsLog, ...env }, undefined, {
    main: BUNDLE,
    nodeArgs: ["--import", RECORD_IMPORTS],
  });
}

/** The packages a server process loaded (those under node_modules), by name. */
function loadedPackages(importsLog: string): Set<string> {
  const names = new Set<string>();
  for (const url of readFileSync(importsLog, "utf8").split("\n")) {
    const [, name] = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url) ?? [];
    if (name) names.add(name);
  }
  return names;
}

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
  const logs = mkdtempSync(join(tmpdir(), "np-imports-"));
  const importsLog = join(logs, "embedded.log");

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
    server = await startRecordingImports(importsLog);
  });
  afterAll(async () => {
    await server?.kill();
  });

  it("imports nothing but Node's modules and the server's own dependencies", () => {
    const imported = new Set(
      builtFiles().flatMap((file) => [...importedPackages(readFileSync(file, "utf8"))]),
    );
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

  it("on the embedded default, loads neither Firebase's SDK nor the Redis client", () => {
    const loaded = loadedPackages(importsLog);
    // The recorder sees what the server loads.
    expect(loaded).toContain("express");
    expect(loaded).toContain("better-sqlite3");
    expect([...loaded].filter((name) => /firebase|google|grpc|redis/.test(name))).toEqual([]);
  });

  describe("joined to a Redis", () => {
    let redis: RedisServer;
    let clustered: ServerProcess;
    const clusteredLog = join(logs, "redis.log");

    beforeAll(async () => {
      redis = await startRedisServer();
      clustered = await startRecordingImports(clusteredLog, { REDIS_URL: redis.url });
    });
    afterAll(async () => {
      await clustered?.kill();
      await redis?.stop();
    });

    it("loads the Redis client and adapter from their chunk, and is ready", async () => {
      const loaded = loadedPackages(clusteredLog);
      expect(loaded).toContain("redis");
      expect(loaded).toContain("@socket.io/redis-adapter");
      expect(loaded).not.toContain("firebase-admin");
      const ready = (await (await fetch(`${clustered.url}/readyz`)).json()) as { ready: boolean };
      expect(ready.ready).toBe(true);
    });
  });
});
