import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./freePort";

export interface TurnServer {
  port: number;
  /** For TURN_URLS: `turn:<ip>:<port>`. */
  url: string;
  stop(): Promise<void>;
}

export interface TurnServerOptions {
  /** `turn/turnserver.conf` (production template) or `turn/turnserver.dev.conf`. */
  config: "turnserver.conf" | "turnserver.dev.conf";
  secret: string;
  /** The address it listens and relays on (default loopback). */
  ip?: string;
  /** Run inside this network namespace (`ip netns exec`), as in the NAT lab. */
  netns?: string;
}

/** A real coturn `turnserver` with one of the repo's configs, on a free port, no TLS. */
export async function startTurnServer(options: TurnServerOptions): Promise<TurnServer> {
  const { config, secret, ip = "127.0.0.1", netns } = options;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "np-turn-"));
  const args = [
    "-c",
    fileURLToPath(new URL(`../../../turn/${config}`, import.meta.url)),
    `--listening-ip=${ip}`,
    `--relay-ip=${ip}`,
    `--listening-port=${port}`,
    `--static-auth-secret=${secret}`,
    "--no-tls",
    "--no-dtls",
    `--pidfile=${join(dir, "turnserver.pid")}`,
    `--userdb=${join(dir, "turnserver.db")}`,
  ];
  const command = netns
    ? ["ip", "netns", "exec", netns, "turnserver", ...args]
    : ["turnserver", ...args];
  const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  const exited = once(child, "exit").finally(() => rmSync(dir, { recursive: true, force: true }));
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`turnserver did not start:\n${log}`)), 10_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`turnserver could not run (apt-get install coturn): ${error.message}`));
    });
    const watch = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("Total General servers")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
  });
  return {
    port,
    url: `turn:${ip}:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
