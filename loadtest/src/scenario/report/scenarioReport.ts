import type { ModeSummary } from "../scenarioMetrics";
import type { ScenarioOptions } from "../scenarioOptions";
import type { ModeRun } from "../scenarioRun";

/** Everything a load test run produced: written as report.json, drawn as report.html. */
export interface ScenarioReport {
  createdAt: string;
  machine: { cpus: number; memoryBytes: number; node: string };
  options: ScenarioOptions;
  runs: ModeRun[];
  /** Relay against p2p over the hold, when both modes ran. */
  comparison: Comparison | null;
}

export interface Comparison {
  /** Mean signaling CPU of relay over that of p2p. */
  cpuMeanRatio: number;
  cpuPeakRatio: number;
  noteP50Ratio: number;
  noteP99Ratio: number;
}

export function compare(runs: readonly ModeRun[]): Comparison | null {
  const of = (mode: string): ModeSummary | undefined =>
    runs.find((run) => run.summary.mode === mode)?.summary;
  const p2p = of("p2p");
  const relay = of("relay");
  if (!p2p || !relay) return null;
  return {
    cpuMeanRatio: relay.cpu.mean / p2p.cpu.mean,
    cpuPeakRatio: relay.cpu.max / p2p.cpu.max,
    noteP50Ratio: relay.noteLatency.p50 / p2p.noteLatency.p50,
    noteP99Ratio: relay.noteLatency.p99 / p2p.noteLatency.p99,
  };
}
