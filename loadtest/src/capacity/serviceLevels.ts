import { summarize, type Summary } from "../stats";
import type { Mode } from "../scenario/scenarioOptions";
import type { SecondTick } from "../workers/workerProtocol";

/** What a count of musicians must keep to count as held (issue 21's service levels). */
export interface ServiceLevels {
  joinAckP99Ms: number;
  latePingShare: number;
  recordingP99Ms: number;
  /** Relay only: the notes the server hands on. */
  relayNoteP99Ms: number;
  /** At least this share of the musicians in their rooms, on average. */
  inRoomsShare: number;
}

export const SERVICE_LEVELS: ServiceLevels = {
  joinAckP99Ms: 100,
  latePingShare: 0.1,
  recordingP99Ms: 200,
  relayNoteP99Ms: 50,
  inRoomsShare: 0.98,
};

/**
 * Past this, a user worker's own event loop is late; when it is in more than a tenth of
 * a window's seconds (not one pause now and then), the load tester, not the server, is
 * what the figures measure, and the count cannot be judged.
 */
export const WORKER_LOOP_DELAY_LIMIT_MS = 50;
const WORKER_LATE_SECONDS_SHARE = 0.1;

/** What one count of musicians did over its measuring window. */
export interface LevelFigures {
  musicians: number;
  /** Users in their rooms, the mean over the window's seconds. */
  inRooms: number;
  joinAck: Summary;
  pings: number;
  latePings: number;
  recordingLatency: Summary;
  recordingsFromCache: number;
  noteLatency: Summary;
  errors: number;
  /** The slowest worker's loop delay p99, each second of the window, ms. */
  workerLoopDelays: number[];
  /** Server CPU per second, % of one core. */
  cpu: Summary;
}

export interface LevelVerdict {
  held: boolean;
  /** Each service level missed, in words with its figure. */
  missed: string[];
  /** The load tester fell behind: nothing can be said of this count. */
  loadTesterBehind: boolean;
}

/** Adds up the ticks of a window (every worker's, every second) into a count's figures. */
export function levelFigures(
  musicians: number,
  ticks: readonly SecondTick[],
  cpuPerSecond: readonly number[],
): LevelFigures {
  const seconds = new Map<number, number>();
  const loopDelays = new Map<number, number>();
  for (const tick of ticks) {
    seconds.set(tick.second, (seconds.get(tick.second) ?? 0) + tick.connected);
    loopDelays.set(tick.second, Math.max(loopDelays.get(tick.second) ?? 0, tick.loopDelayP99Ms));
  }
  const sum = (pick: (tick: SecondTick) => number) =>
    ticks.reduce((total, tick) => total + pick(tick), 0);
  const all = (pick: (tick: SecondTick) => number[]) => ticks.flatMap(pick);
  return {
    musicians,
    inRooms: [...seconds.values()].reduce((a, b) => a + b, 0) / Math.max(1, seconds.size),
    joinAck: summarize(all((tick) => tick.joinAcks)),
    pings: sum((tick) => tick.pings),
    latePings: sum((tick) => tick.latePings),
    recordingLatency: summarize(all((tick) => tick.recordingLatencies)),
    recordingsFromCache: sum((tick) => tick.recordingsFromCache),
    noteLatency: summarize(all((tick) => tick.noteLatencies)),
    errors: sum((tick) => Object.values(tick.errors).reduce((n, e) => n + e.count, 0)),
    workerLoopDelays: [...loopDelays.values()],
    cpu: summarize(cpuPerSecond),
  };
}

/** Whether `figures` keep every service level (a level without samples is not missed). */
export function judgeLevel(
  mode: Mode,
  figures: LevelFigures,
  levels: ServiceLevels = SERVICE_LEVELS,
): LevelVerdict {
  const missed: string[] = [];
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  if (figures.inRooms < figures.musicians * levels.inRoomsShare) {
    missed.push(`${figures.inRooms.toFixed(0)} of ${figures.musicians} in their rooms`);
  }
  if (figures.joinAck.p99 > levels.joinAckP99Ms) {
    missed.push(`join acknowledgement p99 ${ms(figures.joinAck.p99)}`);
  }
  const lateShare = figures.latePings / Math.max(1, figures.pings);
  if (lateShare > levels.latePingShare) {
    missed.push(`${(lateShare * 100).toFixed(1)} % of pings late`);
  }
  if (figures.recordingLatency.p99 > levels.recordingP99Ms) {
    missed.push(`recording p99 ${ms(figures.recordingLatency.p99)}`);
  }
  if (mode === "relay" && figures.noteLatency.p99 > levels.relayNoteP99Ms) {
    missed.push(`relayed note p99 ${ms(figures.noteLatency.p99)}`);
  }
  return {
    held: missed.length === 0,
    missed,
    loadTesterBehind:
      figures.workerLoopDelays.filter((ms) => ms > WORKER_LOOP_DELAY_LIMIT_MS).length >
      figures.workerLoopDelays.length * WORKER_LATE_SECONDS_SHARE,
  };
}
