import { instanceCpu, type Percentiles, type SecondRecord } from "../scenarioMetrics";
import type { ModeRun } from "../scenarioRun";

/** One chart of the report: a shared x axis (seconds of the run) and named lines. */
export interface ChartSpec {
  title: string;
  unit: string;
  series: { label: string; color: string }[];
  /** `[xs, ...ys]` as uPlot takes it; null leaves a gap (nothing measured that second). */
  data: (number | null)[][];
}

const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
const PERCENTILES = [
  { key: "p50", color: "#2ca02c" },
  { key: "p95", color: "#ff7f0e" },
  { key: "p99", color: "#d62728" },
] as const;

function chart(
  title: string,
  unit: string,
  seconds: readonly SecondRecord[],
  lines: { label: string; color: string; value: (record: SecondRecord) => number | null }[],
): ChartSpec {
  return {
    title,
    unit,
    series: lines.map(({ label, color }) => ({ label, color })),
    data: [seconds.map((record) => record.second), ...lines.map((line) => seconds.map(line.value))],
  };
}

function percentileLines(pick: (record: SecondRecord) => Percentiles | null) {
  return PERCENTILES.map(({ key, color }) => ({
    label: key,
    color,
    value: (record: SecondRecord) => pick(record)?.[key] ?? null,
  }));
}

/** The charts of one mode's run, like the original validation's figures. */
export function modeCharts(run: ModeRun): ChartSpec[] {
  const { mode } = run.summary;
  const { seconds, instanceNames } = run;
  const perInstance = (value: (instance: { cpuPercent: number; rssBytes: number }) => number) =>
    instanceNames.map((label, i) => ({
      label,
      color: PALETTE[i % PALETTE.length]!,
      value: (record: SecondRecord) => {
        const instance = record.instances[i];
        return instance ? value(instance) : null;
      },
    }));
  return [
    chart(`${mode}: users and requests`, "per second / users", seconds, [
      { label: "users in rooms", color: PALETTE[0]!, value: (r) => r.connected },
      { label: "events/s", color: PALETTE[1]!, value: (r) => r.events },
      { label: "reconnects/s", color: PALETTE[3]!, value: (r) => r.reconnects },
      { label: "errors/s", color: PALETTE[4]!, value: (r) => r.errors },
    ]),
    chart(
      `${mode}: signaling CPU per instance`,
      "% of a core",
      seconds,
      perInstance((i) => i.cpuPercent),
    ),
    chart(
      `${mode}: note latency, one way`,
      "ms",
      seconds,
      percentileLines((r) => r.noteLatency),
    ),
    chart(
      `${mode}: recording request latency`,
      "ms",
      seconds,
      percentileLines((r) => r.recordingLatency),
    ),
    chart(
      `${mode}: join time (connect to every channel open)`,
      "ms",
      seconds,
      percentileLines((r) => r.joinTime),
    ),
    chart(
      `${mode}: signaling memory per instance`,
      "MB",
      seconds,
      perInstance((i) => i.rssBytes / 2 ** 20),
    ),
  ];
}

/** Both modes on one axis: the signaling CPU and the note p99 of each, second by second. */
export function comparisonCharts(runs: readonly ModeRun[]): ChartSpec[] {
  const length = Math.max(0, ...runs.map((run) => run.seconds.length));
  const xs = Array.from({ length }, (_, second) => second);
  const line = (value: (record: SecondRecord) => number | null) =>
    runs.map((run) =>
      xs.map((second) => (run.seconds[second] ? value(run.seconds[second]) : null)),
    );
  const series = runs.map((run, i) => ({
    label: run.summary.mode,
    color: PALETTE[i % PALETTE.length]!,
  }));
  return [
    {
      title: "Signaling CPU, all instances: p2p against relay",
      unit: "% of a core",
      series,
      data: [xs, ...line(instanceCpu)],
    },
    {
      title: "Note latency p99: p2p against relay",
      unit: "ms",
      series,
      data: [xs, ...line((record) => record.noteLatency?.p99 ?? null)],
    },
  ];
}
