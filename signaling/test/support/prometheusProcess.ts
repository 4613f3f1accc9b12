import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./freePort";

export interface PrometheusProcess {
  url: string;
  /** Prometheus' HTTP API: GET `path`, the `data` of its answer. */
  api<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus on a free loopback port, with `config` (YAML text) and the rule files
 * given by name and text, its data in a temporary directory removed by `stop()`.
 */
export async function startPrometheus(
  config: string,
  ruleFiles: Record<string, string>,
): Promise<PrometheusProcess> {
  const dir = mkdtempSync(join(tmpdir(), "np-prometheus-"));
  writeFileSync(join(dir, "prometheus.yml"), config);
  for (const [name, text] of Object.entries(ruleFiles)) writeFileSync(join(dir, name), text);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    "prometheus",
    [
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ready = await fetch(`${url}/-/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`prometheus did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    api: async <T>(path: string) => {
      const answer = (await (await fetch(`${url}/api/v1/${path}`)).json()) as { data: T };
      return answer.data;
    },
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
