/**
 * The production image, where no Docker engine runs: goes through deploy/Dockerfile's stages
 * in a fresh folder (each stage's /app a folder of its own; the steps that set up the image's
 * system, apt packages and /data, are left to this machine), then measures what the runtime
 * stage keeps and how fast its server is ready, against the image before this one: every
 * dependency copied, TypeScript run through tsx (the build stage's files, as it copied them).
 * Base image (node:24-bookworm-slim) not included. Its npm ci steps use the npm registry.
 *
 *   npm run bench:image [-- --runs 5 --keep]
 */
import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { freePort } from "@nicepiano/signaling/testing";
import { parseDockerfile, runStages } from "../image/dockerfileStages";
import { percentile } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, keep: { type: "boolean", default: false } },
});
const RUNS = Number(values.runs);
const repo = fileURLToPath(new URL("../../../", import.meta.url));

/** Bytes under each of `paths` (inside `dir`), as `du` counts them, summed. */
function bytesOf(dir: string, paths: string[]): number {
  const out = execFileSync("du", ["-sb", "--total", ...paths], { cwd: dir, encoding: "utf8" });
  return Number(/^(\d+)\s+total$/m.exec(out)?.[1]);
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

interface Start {
  readyMs: number;
  rssMb: number;
}

/** Starts `command` in `cwd` and times it to a ready /readyz; then stops it. */
async function timeStart(
  command: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Start> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), "np-image-data-"));
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`${command.join(" ")} exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (performance.now() - started > 30_000)
        throw new Error(`${command.join(" ")}: not ready in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const readyMs = performance.now() - started;
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const rssMb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024;
    return { readyMs, rssMb };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function medianStart(command: string[], cwd: string, env: Record<string, string>) {
  const starts: Start[] = [];
  for (let run = 0; run < RUNS; run += 1) starts.push(await timeStart(command, cwd, env));
  const median = (pick: (start: Start) => number) =>
    percentile(
      starts.map(pick).sort((a, b) => a - b),
      50,
    );
  return { readyMs: median((s) => s.readyMs), rssMb: median((s) => s.rssMb) };
}

const root = mkdtempSync(join(tmpdir(), "np-image-"));
try {
  const stages = parseDockerfile(readFileSync(join(repo, "deploy/Dockerfile"), "utf8"));
  const built = performance.now();
  const { dirs, skipped } = runStages(stages, repo, root);
  const buildSeconds = (performance.now() - built) / 1000;
  const runtime = stages.at(-1)!;
  const runtimeDir = dirs.get(runtime.name)!;
  const buildDir = dirs.get("build")!;

  const lean = bytesOf(runtimeDir, ["."]);
  const leanModules = bytesOf(runtimeDir, ["node_modules", "signaling/node_modules"]);
  // The image before: package files, all of node_modules, the workspaces' sources, the app.
  const before = ["package.json", "package-lock.json", "node_modules", "protocol", "signaling"];
  const old = bytesOf(buildDir, [...before, "client/package.json", "client/dist"]);
  const oldModules = bytesOf(buildDir, ["node_modules"]);

  const leanStart = await medianStart(runtime.cmd, runtimeDir, runtime.env);
  const oldStart = await medianStart(
    ["node", "--import", "tsx", "signaling/src/main.ts"],
    buildDir,
    runtime.env,
  );

  console.log(
    `\nThe production image's files (deploy/Dockerfile's stages, built in ${buildSeconds.toFixed(0)} s)`,
  );
  for (const step of skipped)
    console.log(`  left to this machine [${step.stage}]: RUN ${step.command}`);
  console.log(`  runtime stage /app:   ${mb(lean)} (node_modules ${mb(leanModules)})`);
  console.log(`  before (dev + tsx):   ${mb(old)} (node_modules ${mb(oldModules)})`);
  console.log(`  smaller by:           ${(old / lean).toFixed(2)}x`);
  console.log(
    `\nThe server's start to a ready /readyz, median of ${RUNS} (Node ${process.versions.node})`,
  );
  console.log(
    `  node signaling/dist/main.js:  ${leanStart.readyMs.toFixed(0)} ms, RSS ${leanStart.rssMb.toFixed(0)} MB`,
  );
  console.log(
    `  tsx signaling/src/main.ts:    ${oldStart.readyMs.toFixed(0)} ms, RSS ${oldStart.rssMb.toFixed(0)} MB`,
  );
  console.log(
    `  faster by:                    ${(oldStart.readyMs / leanStart.readyMs).toFixed(2)}x`,
  );
  if (values.keep) console.log(`\nThe stages are kept in ${root}`);
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}
