import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface BenchServers {
  signalingUrl: string;
  relayUrl: string;
  stop(): void;
}

/** Starts `benchServers.ts` in a child process and waits for its URLs. */
export async function spawnBenchServers(): Promise<BenchServers> {
  const script = fileURLToPath(new URL("./benchServers.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const firstLine = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench servers exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", resolve);
  });
  const urls: unknown = JSON.parse(firstLine);
  if (!isUrls(urls)) throw new Error(`bench servers said something else: ${firstLine}`);
  return { ...urls, stop: () => child.kill("SIGTERM") };
}

function isUrls(value: unknown): value is { signalingUrl: string; relayUrl: string } {
  const urls = value as Record<string, unknown> | null;
  return typeof urls?.signalingUrl === "string" && typeof urls.relayUrl === "string";
}
