import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./freePort";

export interface ServerProcess {
  url: string;
  port: number;
  /** Its process id (for CPU and memory readings in /proc). */
  pid: number;
  /** Sends `signal` and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerProcessOptions {
  /** Another network namespace to run in, on `host` (the NAT lab). */
  place?: { netns: string; host: string };
  /**
   * Another entry point: one that builds on the server (the load test's relay design), or
   * the compiled server (`.js`, run by node alone, as `npm run serve` does).
   */
  main?: string;
  /** More options for node (`--cpu-prof`…). */
  nodeArgs?: string[];
}

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

/**
 * The server as its own process (so it can be killed for real; from source unless `main` says), on `port` (a free
 * loopback one by default) with a data folder of its own; resolves once `/readyz` says
 * ready and not degraded. `place` runs it in another network namespace, on `host` (the NAT lab); it is
 * ready when it says it listens.
 */
export async function startServerProcess(
  env: Record<string, string> = {},
  port?: number,
  { place, main = MAIN, nodeArgs = [] }: ServerProcessOptions = {},
): Promise<ServerProcess> {
  port ??= await freePort();
  const host = place?.host ?? "127.0.0.1";
  const dataDir = mkdtempSync(join(tmpdir(), "np-server-"));
  const loader = main.endsWith(".ts") ? ["--import", "tsx"] : [];
  const node = [process.execPath, ...loader, ...nodeArgs, main];
  const command = place ? ["ip", "netns", "exec", place.netns, ...node] : node;
  const child: ChildProcess = spawn(command[0]!, command.slice(1), {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: host,
      DATA_DIR: dataDir,
      LOG_LEVEL: place ? "info" : "warn",
      ...env,
    },
    stdio: ["ignore", place ? "pipe" : "ignore", "inherit"],
  });
  const exited = once(child, "exit").finally(() =>
    rmSync(dataDir, { recursive: true, force: true }),
  );
  const url = `http://${host}:${port}`;
  const result = {
    url,
    port,
    pid: child.pid!,
    kill: async (signal: NodeJS.Signals = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  if (place) {
    // This process cannot reach that namespace: wait for the server to say it listens.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no server on ${url} within 20 s`)), 20_000);
      child.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes('"msg":"listening"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`the server exited with ${code}`)));
    });
    return result;
  }
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    // Ready, and (with Redis) reaching the other instances.
    const status = await fetch(`${url}/readyz`).then(
      async (r) => (((await r.json()) as { degraded?: unknown }).degraded ? 0 : r.status),
      () => 0,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server on ${url} was not ready within 20 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return result;
}
