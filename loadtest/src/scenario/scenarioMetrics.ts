import { summarize, type Summary } from "../stats";
import type { ErrorTally, SecondTick } from "../workers/workerProtocol";
import type { Mode } from "./scenarioOptions";
import type { PhaseName } from "./scenarioPlan";

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface InstanceSecond {
  cpuPercent: number;
  rssBytes: number;
}

/** Everything measured in one second of a run, over all user processes and instances. */
export interface SecondRecord {
  second: number;
  phase: PhaseName;
  connected: number;
  /** Notes played plus recording requests answered, per second. */
  events: number;
  notesSent: number;
  /** Notes of signaling-only users: peer to peer, they pass no server. */
  quietNotes: number;
  notesReceived: number;
  recordingRequests: number;
  recordingsFromCache: number;
  noteLatency: Percentiles | null;
  recordingLatency: Percentiles | null;
  joinTime: Percentiles | null;
  joins: number;
  /** The server's answers to joins and rejoins. */
  joinAck: Percentiles | null;
  pings: number;
  latePings: number;
  /** The slowest user worker's event loop delay p99: the load tester's own lag, ms. */
  workerLoopDelayMs: number;
  errors: number;
  reconnects: number;
  instances: InstanceSecond[];
}

/** The percentiles of `values`; null when there are none. */
export function percentilesOf(values: readonly number[]): Percentiles | null {
  if (values.length === 0) return null;
  const { count, p50, p95, p99, max } = summarize(values);
  return { count, p50, p95, p99, max };
}

/** CPU use between two readings, in % of one core. */
export function cpuPercent(cpuMsBefore: number, cpuMsAfter: number, elapsedMs: number): number {
  return elapsedMs > 0 ? ((cpuMsAfter - cpuMsBefore) / elapsedMs) * 100 : 0;
}

/** Merges the ticks all user processes sent for one second. */
export function mergeSecond(
  second: number,
  phase: PhaseName,
  ticks: readonly SecondTick[],
  instances: InstanceSecond[],
): SecondRecord {
  const sum = (pick: (tick: SecondTick) => number) =>
    ticks.reduce((total, tick) => total + pick(tick), 0);
  const all = (pick: (tick: SecondTick) => number[]) => ticks.flatMap(pick);
  const noteLatencies = all((tick) => tick.noteLatencies);
  const recordingLatencies = all((tick) => tick.recordingLatencies);
  const joinTimes = all((tick) => tick.joinTimes);
  const notesSent = sum((tick) => tick.notesSent);
  const quietNotes = sum((tick) => tick.quietNotes);
  const recordingRequests = sum((tick) => tick.recordingRequests);
  return {
    second,
    phase,
    connected: sum((tick) => tick.connected),
    events: notesSent + quietNotes + recordingRequests,
    notesSent,
    quietNotes,
    notesReceived: noteLatencies.length,
    recordingRequests,
    recordingsFromCache: sum((tick) => tick.recordingsFromCache),
    noteLatency: percentilesOf(noteLatencies),
    recordingLatency: percentilesOf(recordingLatencies),
    joinTime: percentilesOf(joinTimes),
    joins: joinTimes.length,
    joinAck: percentilesOf(all((tick) => tick.joinAcks)),
    pings: sum((tick) => tick.pings),
    latePings: sum((tick) => tick.latePings),
    workerLoopDelayMs: Math.max(0, ...ticks.map((tick) => tick.loopDelayP99Ms)),
    errors: sum((tick) => Object.values(tick.errors).reduce((n, e) => n + e.count, 0)),
    reconnects: sum((tick) => tick.reconnects),
    instances,
  };
}

/** What one mode's run comes to. Latencies and CPU are over the hold (full load). */
export interface ModeSummary {
  mode: Mode;
  peakConnected: number;
  holdSeconds: number;
  /** Signaling CPU per second, all instances together, % of one core. */
  cpu: Summary;
  rssMaxBytes: number;
  eventsPerSecond: Summary;
  noteLatency: Summary;
  recordingLatency: Summary;
  /** Over the whole run (most joins happen in the ramp). */
  joinTime: Summary;
  /** The server's answers to joins and rejoins, over the whole run. */
  joinAck: Summary;
  /** Latency pings late at the users, over the hold, 0..1. */
  latePingShare: number;
  notesSent: number;
  quietNotes: number;
  notesReceived: number;
  recordingRequests: number;
  recordingsFromCache: number;
  reconnects: number;
  /** The user workers' own event loop delay, the slowest's p99 each second of the hold, ms. */
  workerLoopDelay: Summary;
  errors: ErrorTally;
}

/** Raw samples a run keeps for its summary, alongside the per-second records. */
export interface RunSamples {
  holdNoteLatencies: number[];
  holdRecordingLatencies: number[];
  joinTimes: number[];
  joinAcks: number[];
  errors: ErrorTally;
}

export function summarizeMode(
  mode: Mode,
  seconds: readonly SecondRecord[],
  samples: RunSamples,
): ModeSummary {
  const hold = seconds.filter((record) => record.phase === "hold");
  const total = (records: readonly SecondRecord[], pick: (record: SecondRecord) => number) =>
    records.reduce((sum, record) => sum + pick(record), 0);
  return {
    mode,
    peakConnected: Math.max(0, ...seconds.map((record) => record.connected)),
    holdSeconds: hold.length,
    cpu: summarize(hold.map(instanceCpu)),
    rssMaxBytes: Math.max(
      0,
      ...seconds.flatMap((record) => record.instances.map((instance) => instance.rssBytes)),
    ),
    eventsPerSecond: summarize(hold.map((record) => record.events)),
    noteLatency: summarize(samples.holdNoteLatencies),
    recordingLatency: summarize(samples.holdRecordingLatencies),
    joinTime: summarize(samples.joinTimes),
    joinAck: summarize(samples.joinAcks),
    latePingShare:
      total(hold, (record) => record.latePings) /
      Math.max(
        1,
        total(hold, (r) => r.pings),
      ),
    notesSent: total(seconds, (record) => record.notesSent),
    quietNotes: total(seconds, (record) => record.quietNotes),
    notesReceived: total(seconds, (record) => record.notesReceived),
    recordingRequests: total(seconds, (record) => record.recordingRequests),
    recordingsFromCache: total(seconds, (record) => record.recordingsFromCache),
    reconnects: total(seconds, (record) => record.reconnects),
    workerLoopDelay: summarize(hold.map((record) => record.workerLoopDelayMs)),
    errors: samples.errors,
  };
}

/** All instances' CPU in one second, % of one core. */
export function instanceCpu(record: SecondRecord): number {
  return record.instances.reduce((sum, instance) => sum + instance.cpuPercent, 0);
}

/** Adds one tick's errors into a running tally, keeping the first example of each kind. */
export function tallyErrors(tally: ErrorTally, errors: ErrorTally): void {
  for (const [kind, { count, example }] of Object.entries(errors)) {
    const entry = (tally[kind] ??= { count: 0, example });
    entry.count += count;
  }
}
