import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Summary } from "../../stats";
import type { ModeRun } from "../scenarioRun";
import { describeKinds } from "../userKinds";
import { comparisonCharts, modeCharts, type ChartSpec } from "./reportCharts";
import type { ScenarioReport } from "./scenarioReport";

const require = createRequire(import.meta.url);
/** uPlot, inlined: the report opens without a network. */
const UPLOT_JS = readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8");
const UPLOT_CSS = readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8");

/** Draws each chart spec of the JSON block `#charts` into `#chart-<i>`. Runs in the page. */
const DRAW = `
const charts = JSON.parse(document.getElementById("charts").textContent);
const width = () => Math.min(1100, document.body.clientWidth - 32);
const plots = charts.map((spec, i) => new uPlot({
  title: spec.title, width: width(), height: 260,
  scales: { x: { time: false } },
  axes: [{ label: "seconds into the run" }, { label: spec.unit, size: 70 }],
  series: [{ label: "s" }, ...spec.series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: false }))],
}, spec.data, document.getElementById("chart-" + i)));
addEventListener("resize", () => plots.forEach((plot) => plot.setSize({ width: width(), height: 260 })));
document.body.dataset.charts = String(plots.length);
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot close the script element it sits in. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : "–");
const percent = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} %` : "–");
const latency = (summary: Summary) =>
  `${ms(summary.p50)} / ${ms(summary.p95)} / ${ms(summary.p99)}`;

function summaryRows(runs: ModeRun[]): string {
  const rows: [string, (run: ModeRun) => string][] = [
    ["users", (run) => describeKinds(run.users, run.webrtcRooms)],
    ["peak users in rooms", ({ summary: s }) => String(s.peakConnected)],
    ["seconds at full load", ({ summary: s }) => String(s.holdSeconds)],
    [
      "signaling CPU mean / peak (all instances)",
      ({ summary: s }) => `${percent(s.cpu.mean)} / ${percent(s.cpu.max)}`,
    ],
    [
      "signaling RSS max (one instance)",
      ({ summary: s }) => `${(s.rssMaxBytes / 2 ** 20).toFixed(0)} MB`,
    ],
    [
      "events per second (mean at full load)",
      ({ summary: s }) => s.eventsPerSecond.mean.toFixed(0),
    ],
    ["note latency p50 / p95 / p99", ({ summary: s }) => latency(s.noteLatency)],
    ["recording request p50 / p95 / p99", ({ summary: s }) => latency(s.recordingLatency)],
    ["join time p50 / p95 / p99", ({ summary: s }) => latency(s.joinTime)],
    ["join acknowledgement p50 / p95 / p99", ({ summary: s }) => latency(s.joinAck)],
    ["latency pings late", ({ summary: s }) => percent(s.latePingShare * 100)],
    [
      "recording requests answered without the server (a cache, a current list)",
      ({ summary: s }) => `${s.recordingsFromCache} of ${s.recordingRequests}`,
    ],
    [
      "user workers' own loop delay p50 / max",
      ({ summary: s }) => `${ms(s.workerLoopDelay.p50)} / ${ms(s.workerLoopDelay.max)}`,
    ],
    [
      "notes sent / received (measured paths)",
      ({ summary: s }) => `${s.notesSent} / ${s.notesReceived}`,
    ],
    [
      "notes of signaling-only users (peer to peer: no server)",
      ({ summary: s }) => String(s.quietNotes),
    ],
    ["reconnects", ({ summary: s }) => String(s.reconnects)],
    [
      "errors",
      ({ summary: s }) =>
        Object.entries(s.errors)
          .map(([kind, { count, example }]) => `${kind}: ${count} (${example})`)
          .join("; ") || "none",
    ],
  ];
  const head = `<tr><th></th>${runs.map((run) => `<th>${run.summary.mode}</th>`).join("")}</tr>`;
  const body = rows
    .map(
      ([label, cell]) =>
        `<tr><th>${escapeHtml(label)}</th>${runs.map((run) => `<td>${escapeHtml(cell(run))}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return head + body;
}

/** The whole report as one HTML file: tables, then charts drawn by the inlined uPlot. */
export function reportHtml(report: ScenarioReport): string {
  const charts: ChartSpec[] = [
    ...(report.runs.length > 1 ? comparisonCharts(report.runs) : []),
    ...report.runs.flatMap(modeCharts),
  ];
  const { options, comparison } = report;
  const ratio = comparison
    ? `<p class="ratio">Relay uses <b>${comparison.cpuMeanRatio.toFixed(1)}×</b> the signaling CPU of p2p on average
       (peak ${comparison.cpuPeakRatio.toFixed(1)}×); note p99 relay/p2p ${comparison.noteP99Ratio.toFixed(2)}×.</p>`
    : "";
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>NicePiano load test, ${escapeHtml(report.createdAt)}</title>
<style>${UPLOT_CSS}
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #222; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
.ratio { font-size: 16px; }
.warning { color: #a00; }
.chart { margin: 12px 0; }
</style>
</head>
<body>
<h1>NicePiano load test</h1>
<p>${escapeHtml(report.createdAt)} · ${report.machine.cpus} cores, ${(report.machine.memoryBytes / 2 ** 30).toFixed(0)} GiB · Node ${escapeHtml(report.machine.node)}</p>
<p>${options.users} users in ${options.rooms} rooms (at most ${options.roomLimit} each), ${options.rampUsers} every ${options.rampEverySeconds} s,
hold ${options.holdSeconds} s, one event every ${options.eventEveryMs} ms (${(options.noteShare * 100).toFixed(0)} % notes),
reconnect chance ${(options.reconnectChance * 100).toFixed(1)} %/s, time scale ${options.timeScale};
target ${escapeHtml(options.url ?? `${options.instances} spawned instance(s)${options.haproxy ? " behind haproxy" : ""}`)}.
Latency and CPU figures are over the hold (full load).</p>
${ratio}
${report.runs
  .filter((run) => run.lostProcesses.length > 0)
  .map(
    (run) =>
      `<p class="warning">${run.summary.mode}: ${run.lostProcesses.length} user processes ended early (${escapeHtml(run.lostProcesses.join(", "))}); their users are missing from the figures after that.</p>`,
  )
  .join("\n")}
${report.runs
  .filter((run) => run.failedAfterDone.length > 0)
  .map(
    (run) =>
      `<p class="warning">${run.summary.mode}: ${run.failedAfterDone.length} user processes failed as they ended, after their last tick (${escapeHtml(run.failedAfterDone.join(", "))}); the figures are whole.</p>`,
  )
  .join("\n")}
${report.runs
  .filter((run) => run.unfinishedProcesses > 0)
  .map(
    (run) =>
      `<p class="warning">${run.summary.mode}: ${run.unfinishedProcesses} user processes had not finished a minute after the plan ended (too busy to keep time); the run stopped there.</p>`,
  )
  .join("\n")}
<table class="summary">${summaryRows(report.runs)}</table>
${charts.map((_, i) => `<div class="chart" id="chart-${i}"></div>`).join("\n")}
<script type="application/json" id="charts">${scriptJson(charts)}</script>
<script>${UPLOT_JS}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
