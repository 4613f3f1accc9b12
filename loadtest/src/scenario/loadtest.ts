/**
 * The load test: the original NicePiano validation (ramp up, hold, ramp down), peer to
 * peer and through a relay, written as report.json and report.html.
 *
 *   npm run loadtest -- --help
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { reportHtml } from "./report/reportHtml";
import { compare, type ScenarioReport } from "./report/scenarioReport";
import { helpText, parseScenarioArgs, UsageError, type ScenarioOptions } from "./scenarioOptions";
import { runMode, type ModeRun } from "./scenarioRun";

let options: ScenarioOptions | null;
try {
  options = parseScenarioArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message}\n\n${helpText()}`);
  process.exit(2);
}
if (!options) {
  console.log(helpText());
  process.exit(0);
}

// npm runs scripts in the workspace folder; a relative path means where it was typed.
const typed = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
if (options.profile) options = { ...options, profile: typed(options.profile) };

const runs: ModeRun[] = [];
for (const mode of options.modes) {
  runs.push(await runMode(options, mode, (line) => console.log(`  ${line}`)));
  const { summary: s, unfinishedProcesses, lostProcesses, failedAfterDone } = runs.at(-1)!;
  if (lostProcesses.length > 0) {
    console.log(`${mode}: user processes ended early: ${lostProcesses.join(", ")}`);
  }
  if (failedAfterDone.length > 0) {
    console.log(`${mode}: user processes failed as they ended: ${failedAfterDone.join(", ")}`);
  }
  if (unfinishedProcesses > 0) {
    console.log(
      `${mode}: ${unfinishedProcesses} user processes had not finished a minute after the plan`,
    );
  }
  console.log(
    `${mode}: signaling CPU mean ${s.cpu.mean.toFixed(1)} %, peak ${s.cpu.max.toFixed(1)} %; ` +
      `note latency p50 ${s.noteLatency.p50.toFixed(2)} ms, p95 ${s.noteLatency.p95.toFixed(2)} ms, p99 ${s.noteLatency.p99.toFixed(2)} ms (n=${s.noteLatency.count}); ` +
      `recording requests p50 ${s.recordingLatency.p50.toFixed(2)} ms, p99 ${s.recordingLatency.p99.toFixed(2)} ms; ` +
      `join p50 ${s.joinTime.p50.toFixed(0)} ms, p95 ${s.joinTime.p95.toFixed(0)} ms; ` +
      `${s.reconnects} reconnects; errors ${JSON.stringify(s.errors)}`,
  );
}
const report: ScenarioReport = {
  createdAt: new Date().toISOString(),
  machine: { cpus: cpus().length, memoryBytes: totalmem(), node: process.version },
  options,
  runs,
  comparison: compare(runs),
};
if (report.comparison) {
  const c = report.comparison;
  console.log(
    `relay/p2p: signaling CPU mean ${c.cpuMeanRatio.toFixed(1)}x, peak ${c.cpuPeakRatio.toFixed(1)}x; note p50 ${c.noteP50Ratio.toFixed(2)}x, p99 ${c.noteP99Ratio.toFixed(2)}x`,
  );
}
const out = typed(options.out);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "report.json"), JSON.stringify(report));
writeFileSync(join(out, "report.html"), reportHtml(report));
console.log(`Report: ${join(out, "report.html")}`);
process.exit(0);
