import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { get } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/config";
import { createSignalingServer, type RunningServer } from "../src/signalingServer";
import { loadTlsCredentials } from "../src/tls/tlsCredentials";
import { freePort } from "./support/freePort";
import type { TestClient } from "./support/testServer";

/** GET over HTTPS, trusting only `ca`, asking for `servername`. */
function httpsGet(url: string, ca: string, servername = "localhost"): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { ca, servername }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

describe("HTTPS", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "np-tls-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };

  it("makes a self-signed certificate once, keeps it, and serves the API and Socket.IO with it", async () => {
    const dir = join(tempDir(), "tls");
    const made = await loadTlsCredentials({ kind: "self-signed", dir });
    expect(statSync(join(dir, "key.pem")).mode & 0o777).toBe(0o600);
    expect((await loadTlsCredentials({ kind: "self-signed", dir })).cert).toBe(made.cert);

    const server: RunningServer = await createSignalingServer(
      { ...DEFAULT_CONFIG, host: "127.0.0.1", port: 0 },
      pino({ level: "silent" }),
      undefined,
      made,
    );
    cleanup.push(() => server.close());
    const { port } = await server.listen();
    const url = `https://127.0.0.1:${port}`;
    // Checked against the certificate itself: it names localhost and 127.0.0.1.
    expect(JSON.parse(await httpsGet(`${url}/healthz`, made.cert))).toEqual({ ok: true });
    expect(JSON.parse(await httpsGet(`${url}/healthz`, made.cert, "127.0.0.1"))).toEqual({
      ok: true,
    });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow(); // not trusted by default

    const socket: TestClient = io(url, {
      transports: ["websocket"],
      ca: made.cert,
      forceNew: true,
    });
    cleanup.push(() => void socket.disconnect());
    const answer = await socket.emitWithAck("join", { room: "secure", name: "Ada" });
    expect(answer.ok).toBe(true);

    // The same pair, given as files.
    const given = await loadTlsCredentials({
      kind: "files",
      certFile: join(dir, "cert.pem"),
      keyFile: join(dir, "key.pem"),
    });
    expect(given).toMatchObject({ cert: made.cert, key: made.key });
  });

  it("starts on HTTPS with HTTPS=1, as `npm run serve` does", async () => {
    const dataDir = tempDir();
    const port = await freePort();
    // The compiled server (npm run build), by node alone, as `npm run serve` runs it.
    const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));
    const child = spawn(process.execPath, [main], {
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        HTTPS: "1",
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: "127.0.0.1",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    cleanup.push(() => void child.kill("SIGKILL"));
    let log = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`not listening within 20 s: ${log}`)),
        20_000,
      );
      child.stdout.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("NicePiano is playing on https://")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(log).toContain("serving HTTPS");
    const cert = readFileSync(join(dataDir, "tls", "cert.pem"), "utf8");
    expect(JSON.parse(await httpsGet(`https://127.0.0.1:${port}/healthz`, cert))).toEqual({
      ok: true,
    });
  });
});
