import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { monotonicMs } from "../bench/benchPeerMessages";
import { createAccounts } from "./scenarioAccounts";
import type { SecondTick, WorkerOrders, WorkerReport } from "./scenarioMessages";
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
  /**
   * User processes still running a minute after the plan ended (too busy to keep time):
   * the run stops there and reports what it has.
   */
  unfinishedProcesses: number;
  /** How user processes that ended before saying they were done ended ("SIGSEGV", "1"). */
  lostProcesses: string[];
}

const WORKER = fileURLToPath(new URL("./scenarioWorker.ts", import.meta.url));
/** Between the user processes saying they are ready and second 0. */
const LEAD_MS = 1000;
/** A run that has not ended this long after its plan did has hung. */
const OVERRUN_S = 60;

/** Runs the scenario once in `mode`: target up, accounts made, users played, target down. */
export async function runMode(
  options: ScenarioOptions,
  mode: Mode,
  onProgress: (line: string) => void = () => {},
): Promise<ModeRun> {
  const plan = planScenario(options, seededChance(options.seed));
  const target = await openTarget(options, mode);
  const workers: ChildProcess[] = [];
  try {
    const runId = `${mode}${Date.now().toString(36).slice(-5)}`;
    onProgress(`${mode}: creating ${options.users} accounts`);
    const accounts = await createAccounts(target.accountUrls, options.users, runId);
    const ticks = new Map<number, SecondTick[]>();
    const samples: RunSamples = {
      holdNoteLatencies: [],
      holdRecordingLatencies: [],
      joinTimes: [],
      errors: {},
    };
    let done = 0;
    let failure: string | undefined;
    const finished = new Set<ChildProcess>();
    const lostProcesses: string[] = [];
    const processes = Math.min(options.processes, options.users);
    let ready = 0;
    let allReady = () => {};
    const readiness = new Promise<void>((resolve) => (allReady = resolve));
    for (let w = 0; w < processes; w++) {
      const child = fork(WORKER, {
        execArgv: ["--import", "tsx"],
        stdio: "inherit",
        env: target.caFile ? { ...process.env, NODE_EXTRA_CA_CERTS: target.caFile } : process.env,
      });
      workers.push(child);
      child.once("exit", (code, signal) => {
        if (!finished.has(child)) lostProcesses.push(signal ?? String(code));
      });
      child.on("message", (report: WorkerReport) => {
        if (report.type === "ready") return void (++ready === processes && allReady());
        if (report.type === "done") return void (done++, finished.add(child));
        if (report.type === "failed") return void (failure = report.message);
        const list = ticks.get(report.second) ?? [];
        list.push(report);
        ticks.set(report.second, list);
        samples.joinTimes.push(...report.joinTimes);
        tallyErrors(samples.errors, report.errors);
        if (phaseAt(plan.phases, report.second) === "hold") {
          samples.holdNoteLatencies.push(...report.noteLatencies);
          samples.holdRecordingLatencies.push(...report.recordingLatencies);
        }
      });
    }
    // Loading a process (tsx, WebRTC) takes a core for a second or more: not in the figures.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      readiness,
      new Promise((_, reject) => {
        const message = () => `${ready}/${processes} user processes loaded within 120 s`;
        timer = setTimeout(() => reject(new Error(message())), 120_000);
      }),
    ]).finally(() => clearTimeout(timer));
    const startAt = monotonicMs() + LEAD_MS;
    for (const [w, child] of workers.entries()) {
      const orders: WorkerOrders = {
        mode,
        urls: target.urls,
        users: plan.users
          .filter((user) => user.index % options.processes === w)
          .map((user) => ({ ...user, account: accounts[user.index]! })),
        startAt,
        eventEveryMs: options.eventEveryMs,
        noteShare: options.noteShare,
        reconnectChance: options.reconnectChance,
        seed: options.seed,
      };
      child.send(orders);
    }
    onProgress(`${mode}: ${workers.length} user processes; ${describePlan(plan)}`);
    const instanceSeconds = await sampleInstances(
      target.instances,
      startAt,
      () => {
        if (failure) throw new Error(`a user process failed: ${failure}`);
        return done === workers.length;
      },
      plan.endsAt + OVERRUN_S,
      (second, cpu) => {
        if (second % 10 !== 0) return;
        // The processes' ticks for the second before may still be on their way.
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
      unfinishedProcesses: workers.length - done - lostProcesses.length,
      lostProcesses,
    };
  } finally {
    for (const worker of workers) if (worker.connected) worker.disconnect();
    await target.stop();
  }
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
async function sampleInstances(
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

function sleepUntil(monotonicAt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, monotonicAt - monotonicMs())));
}
