import { monotonicMs } from "../bench/benchPeerMessages";
import { Coordinator } from "../workers/coordinator";
import { newRun } from "../workers/newRun";
import type { AssignedUser, SecondTick } from "../workers/workerProtocol";
import { countKinds, describeKinds, kindOf, type KindCounts } from "./userKinds";
import { createAccounts } from "./scenarioAccounts";
import {
  cpuPercent,
  mergeSecond,
  summarizeMode,
  tallyErrors,
  type InstanceSecond,
  type ModeSummary,
  type RunSamples,
  type SecondRecord,
} from "./scenarioMetrics";
import type { Mode, ScenarioOptions } from "./scenarioOptions";
import { phaseAt, planScenario, seededChance, type ScenarioPlan } from "./scenarioPlan";
import { openTarget, type InstanceProbe } from "./scenarioTarget";

export interface ModeRun {
  summary: ModeSummary;
  seconds: SecondRecord[];
  instanceNames: string[];
  /** How many users of each kind took part (see `UserKind`), and the rooms of the real ones. */
  users: KindCounts;
  webrtcRooms: string[];
  /**
   * User workers still running a minute after the plan ended (too busy to keep time):
   * the run stops there and reports what it has.
   */
  unfinishedProcesses: number;
  /** User workers that ended before saying they were done, and how ("SIGSEGV", "left"). */
  lostProcesses: string[];
  /** User workers that failed as they ended, after their last tick (their figures are whole). */
  failedAfterDone: string[];
}

/** Between the user workers being ready and second 0. */
const LEAD_MS = 1000;
/** A run that has not ended this long after its plan did has hung. */
const OVERRUN_S = 60;
/** Loading a worker (tsx, WebRTC) and syncing its clock. */
const READY_TIMEOUT_MS = 120_000;

/**
 * Runs the scenario once in `mode`: target up, accounts made, user workers (forked here,
 * and any from other machines) given their users, the plan played, target down.
 */
export async function runMode(
  options: ScenarioOptions,
  mode: Mode,
  onProgress: (line: string) => void = () => {},
): Promise<ModeRun> {
  const plan = planScenario(options, seededChance(options.seed));
  const ticks = new Map<number, SecondTick[]>();
  const samples: RunSamples = {
    holdNoteLatencies: [],
    holdRecordingLatencies: [],
    joinTimes: [],
    joinAcks: [],
    errors: {},
  };
  const coordinator = await Coordinator.open({
    host: options.listen.host,
    port: options.listen.port,
    onTick: (tick) => {
      const list = ticks.get(tick.second) ?? [];
      list.push(tick);
      ticks.set(tick.second, list);
      samples.joinTimes.push(...tick.joinTimes);
      samples.joinAcks.push(...tick.joinAcks);
      tallyErrors(samples.errors, tick.errors);
      if (phaseAt(plan.phases, tick.second) === "hold") {
        samples.holdNoteLatencies.push(...tick.noteLatencies);
        samples.holdRecordingLatencies.push(...tick.recordingLatencies);
      }
    },
  });
  const target = await openTarget(options, mode);
  try {
    const runId = `${mode}${Date.now().toString(36).slice(-5)}`;
    onProgress(`${mode}: creating ${options.users} accounts`);
    const accounts = await createAccounts(target.accountUrls, options.users, runId);
    const workers = Math.min(options.processes, options.users);
    coordinator.spawn(workers);
    if (options.remoteWorkers > 0) {
      onProgress(
        `${mode}: waiting for ${options.remoteWorkers} user workers from other machines: ` +
          `npm run loadtest:worker -- --coordinator http://<this machine>:${new URL(coordinator.url).port}`,
      );
    }
    await coordinator.whenReady(workers + options.remoteWorkers, READY_TIMEOUT_MS);
    const webrtcRooms = new Set(mode === "p2p" ? rooms(plan).slice(0, options.webrtcRooms) : []);
    const users: AssignedUser[] = plan.users.map((user) => ({
      ...user,
      kind: kindOf(mode, user, webrtcRooms),
      account: accounts[user.index]!,
    }));
    const run = await newRun(mode, target, options, LEAD_MS);
    coordinator.start(run);
    coordinator.assign(users);
    const kinds = countKinds(users);
    onProgress(
      `${mode}: ${workers + options.remoteWorkers} user workers; ${describeKinds(kinds, [...webrtcRooms])}; ${describePlan(plan)}`,
    );
    const instanceSeconds = await sampleInstances(
      target.instances,
      run.startAt,
      () => {
        if (coordinator.failure) throw new Error(`a user worker failed: ${coordinator.failure}`);
        return coordinator.finished;
      },
      plan.endsAt + OVERRUN_S,
      (second, cpu) => {
        if (second % 10 !== 0) return;
        // The workers' ticks for the second before may still be on their way.
        const records = ticks.get(second - 2) ?? [];
        const connected = records.reduce((sum, tick) => sum + tick.connected, 0);
        onProgress(
          `${mode} ${String(second).padStart(4)} s (${phaseAt(plan.phases, second)}): ${connected} in rooms, server CPU ${cpu.toFixed(0)} %`,
        );
      },
    );
    const seconds = instanceSeconds.map((instances, second) =>
      mergeSecond(second, phaseAt(plan.phases, second), ticks.get(second) ?? [], instances),
    );
    return {
      summary: summarizeMode(mode, seconds, samples),
      seconds,
      instanceNames: target.instances.map((instance) => instance.name),
      users: kinds,
      webrtcRooms: [...webrtcRooms],
      unfinishedProcesses: coordinator.unfinished,
      lostProcesses: [...coordinator.lost],
      failedAfterDone: [...coordinator.failedAfterDone],
    };
  } finally {
    await coordinator.close();
    await target.stop();
  }
}

/** The plan's rooms, in order of their names' numbers. */
function rooms(plan: ScenarioPlan): string[] {
  const names = new Set(plan.users.map((user) => user.room));
  return [...names].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

function describePlan(plan: ScenarioPlan): string {
  const [up, hold, down] = plan.phases;
  const s = (phase: { from: number; to: number } | undefined) =>
    `${((phase?.to ?? 0) - (phase?.from ?? 0)).toFixed(0)} s`;
  return `ramp up ${s(up)}, hold ${s(hold)}, ramp down ${s(down)}`;
}

/**
 * Reads every instance's CPU and memory at the end of each second from `startAt` until
 * `finished()` says so, or `limitSeconds` have passed: one entry per second.
 */
export async function sampleInstances(
  probes: InstanceProbe[],
  startAt: number,
  finished: () => boolean,
  limitSeconds: number,
  onSecond: (second: number, cpuPercent: number) => void,
): Promise<InstanceSecond[][]> {
  const seconds: InstanceSecond[][] = [];
  await sleepUntil(startAt);
  let before = await Promise.all(probes.map((probe) => probe.sample()));
  let beforeAt = monotonicMs();
  for (let second = 1; !finished() && second <= limitSeconds; second++) {
    await sleepUntil(startAt + second * 1000);
    const now = await Promise.all(probes.map((probe) => probe.sample()));
    const nowAt = monotonicMs();
    const instances = now.map((reading, i) => ({
      cpuPercent: cpuPercent(before[i]!.cpuMs, reading.cpuMs, nowAt - beforeAt),
      rssBytes: reading.rssBytes,
    }));
    seconds.push(instances);
    onSecond(
      second,
      instances.reduce((sum, instance) => sum + instance.cpuPercent, 0),
    );
    before = now;
    beforeAt = nowAt;
  }
  return seconds;
}

export function sleepUntil(monotonicAt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, monotonicAt - monotonicMs())));
}
