/**
 * User workers for a load test run on another machine: starts `--processes` of them,
 * each connecting to the coordinator of a `npm run loadtest` started with
 * `--listen <address>:<port> --remote-workers <n>` (n: every such process, on every
 * machine). Each worker keeps its own estimate of the coordinator's clock, so one-way note
 * latency is measured across machines too. Ends when the run does.
 *
 *   npm run loadtest:worker -- --coordinator http://<coordinator>:<port> [--processes 4]
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { helpWhenAsked } from "../bench/benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    coordinator: { type: "string" },
    processes: { type: "string", default: "1" },
  },
});
const processes = Number(values.processes);
if (!values.coordinator || !Number.isInteger(processes) || processes < 1) {
  console.error("loadtest:worker: give --coordinator <url> and --processes <n> (1 or more)");
  process.exit(2);
}
const worker = fileURLToPath(new URL("./userWorker.ts", import.meta.url));
let failed = 0;
let running = processes;
for (let i = 0; i < processes; i++) {
  const child = fork(worker, ["--coordinator", values.coordinator], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  child.once("exit", (code) => {
    if (code !== 0) failed++;
    if (--running === 0) {
      console.log(`loadtest:worker: ${processes} user workers ended, ${failed} with an error`);
      process.exit(failed > 0 ? 1 : 0);
    }
  });
}
