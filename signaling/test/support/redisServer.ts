import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { freePort } from "./freePort";

export interface RedisServer {
  url: string;
  /** Stops it (SIGKILL: as if it crashed); `start()` brings it back on the same port. */
  kill(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A real `redis-server` on a free loopback port, no persistence. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;

  const start = async () => {
    const process = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = process;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server did not start:\n${output}`)),
        10_000,
      );
      process.once("error", (error) => {
        clearTimeout(timer);
        reject(
          new Error(`redis-server could not run (apt-get install redis-server): ${error.message}`),
        );
      });
      process.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  };
  const kill = async () => {
    const process = child;
    child = undefined;
    if (!process || process.exitCode !== null) return;
    process.kill("SIGKILL");
    await once(process, "exit");
  };

  await start();
  return { url: `redis://127.0.0.1:${port}`, start, kill, stop: kill };
}
