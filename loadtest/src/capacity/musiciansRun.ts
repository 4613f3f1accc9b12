import { monotonicMs } from "../bench/benchPeerMessages";
import { createAccounts } from "../scenario/scenarioAccounts";
import type { Mode } from "../scenario/scenarioOptions";
import { sleepUntil } from "../scenario/scenarioRun";
import { openTarget, type InstanceProbe } from "../scenario/scenarioTarget";
import { Coordinator } from "../workers/coordinator";
import { newRun } from "../workers/newRun";
import type { AssignedUser, SecondTick } from "../workers/workerProtocol";
import { summarize } from "../stats";
import { limitCpu, type CpuQuota, type Throttling } from "./cpuQuota";
import { LOAD_TESTER_NICENESS, yieldToServer } from "./loadTesterPriority";
import { machineTime, stolenShare } from "./processStats";
import { LevelSearch, type LevelSearchOptions } from "./levelSearch";
import { inRoomsSince, TICK_GRACE_MS, waitForArrivals } from "./arrivals";
import {
  judgeLevel,
  levelFigures,
  SERVICE_LEVELS,
  type LevelFigures,
  type LevelVerdict,
  type ServiceLevels,
} from "./serviceLevels";

export interface MusiciansOptions extends LevelSearchOptions {
  mode: Mode;
  /** Musicians per room (the original's 175 in 10 rooms: 18). */
  roomSize: number;
  /** New musicians per second on the way up to a count. */
  joinPerSecond: number;
  /**
   * A count waits for its musicians to be in their rooms (the share its service level asks),
   * at most this long after the last was due; then it has broken.
   */
  arrivalLimitSeconds: number;
  /** After a count's musicians are in their rooms, before measuring. */
  settleSeconds: number;
  /** How long each count is measured. */
  windowSeconds: number;
  /** User workers forked here, and from other machines. */
  processes: number;
  remoteWorkers: number;
  listen: { host: string; port: number };
  /** Accounts made for the recording requests, shared round the musicians. */
  accounts: number;
  eventEveryMs: number;
  noteShare: number;
  reconnectChance: number;
  latePingSlackMs: number;
  /** A running server to measure instead of one spawned here. */
  url: string | null;
  /** Folder for the spawned server's CPU profile. */
  profile: string | null;
  /** The spawned server held to this share of one core (`limitCpu`), or all it can take. */
  serverCpu: number | null;
  /** Run the load tester's workers at a lower priority than the server (`yieldToServer`). */
  yieldToServer: boolean;
  seed: number;
  /** What a count must keep (issue 21's, unless a test says otherwise). */
  levels?: ServiceLevels;
  onProgress?: (line: string) => void;
}

export interface LevelResult {
  figures: LevelFigures;
  verdict: LevelVerdict;
  /**
   * From the last musician's joining time to enough of them in their rooms, s; null if
   * they were not within `arrivalLimitSeconds`.
   */
  arrivedAfterSeconds: number | null;
  /** The server's own event loop delay over the window (prom-client), ms. */
  serverLoopDelayP99Ms: number;
  /**
   * Held to a share of a core: of the quota's periods in the window, the share in which
   * the server spent its quota and waited (0–1).
   */
  throttledShare?: number;
  /** Of the machine's CPU time in the window, the share its hypervisor took (0–1). */
  stolenShare: number;
}

export interface MusiciansResult {
  mode: Mode;
  /** The largest count that kept every service level. */
  held: number;
  /** The smallest count that missed one (the server's limit), if one was found. */
  broken: number | undefined;
  /**
   * The smallest count at which the load tester fell behind, if one was tried: counts from
   * there on cannot be judged here, and unless a smaller one broke, `held` is a lower bound.
   */
  loadTesterLimit: number | undefined;
  levels: LevelResult[];
  /** The niceness the load tester's workers ran at (0: the server's own). */
  loadTesterNiceness: number;
  /** The share of one core the server was held to, if it was. */
  serverCpu: number | null;
}

const LEAD_MS = 2000;

/**
 * Musicians per instance: one signaling instance, musicians of `mode` at the seed workload
 * (each an event every `eventEveryMs`: notes, or recording requests; a dropped connection
 * now and then), in rooms of `roomSize`. Counts go up until one misses a service level
 * (`judgeLevel`), then the gap is narrowed (`LevelSearch`). Each count waits for its
 * musicians to be in their rooms (a count that does not get them there in time has broken),
 * settles, then is measured over a window: the figures of a count that holds, not of
 * newcomers queueing. Peer to peer, every musician signals for real and its notes go
 * where real p2p notes go: nowhere the server sees.
 */
export async function findMusiciansPerInstance(
  options: MusiciansOptions,
): Promise<MusiciansResult> {
  const { mode, roomSize, onProgress = () => {} } = options;
  const levels = options.levels ?? SERVICE_LEVELS;
  if (options.serverCpu !== null && options.url) {
    throw new Error("a CPU share is for a server spawned here, not one at --url");
  }
  const ticks: SecondTick[] = [];
  const coordinator = await Coordinator.open({
    host: options.listen.host,
    port: options.listen.port,
    onTick: (tick) => ticks.push(tick),
  });
  const target = await openTarget(
    {
      url: options.url,
      instances: 1,
      haproxy: false,
      roomLimit: roomSize,
      profile: options.profile,
    },
    mode,
  );
  const cpu = new CpuSampler(target.instances[0]!);
  let quota: CpuQuota | undefined;
  try {
    if (options.serverCpu !== null) quota = limitCpu(target.pids[0]!, options.serverCpu);
    const accounts = await createAccounts(
      target.accountUrls,
      options.accounts,
      `m${mode}${Date.now().toString(36).slice(-5)}`,
    );
    coordinator.spawn(options.processes);
    await coordinator.whenReady(options.processes + options.remoteWorkers, 120_000);
    if (options.yieldToServer) yieldToServer(coordinator.localPids);
    const loadTesterNiceness = options.yieldToServer ? LOAD_TESTER_NICENESS : 0;
    const run = await newRun(mode, target, options, LEAD_MS);
    coordinator.start(run);
    cpu.start(run.startAt);
    const second = () => (monotonicMs() - run.startAt) / 1000;
    const search = new LevelSearch(options);
    const results: LevelResult[] = [];
    let present = 0;
    let broken: number | undefined;
    let loadTesterLimit: number | undefined;
    for (let level = search.next(); level !== null; level = search.next()) {
      let lastJoin = Math.max(0, second());
      if (level > present) {
        const from = lastJoin + 0.5;
        const users: AssignedUser[] = [];
        for (let index = present; index < level; index++) {
          users.push({
            index,
            name: `m-${index}`,
            room: `capacity-${Math.floor(index / roomSize)}`,
            kind: mode === "relay" ? "relay" : "signaling",
            joinAt: from + (index - present) / options.joinPerSecond,
            leaveAt: null,
            account: accounts[index % accounts.length]!,
          });
        }
        coordinator.assign(users);
        lastJoin = users.at(-1)!.joinAt;
      } else {
        coordinator.leave(Array.from({ length: present - level }, (_, i) => level + i));
      }
      present = level;
      await sleepUntil(run.startAt + lastJoin * 1000);
      const needed = Math.ceil(level * Math.min(1, levels.inRoomsShare));
      const arrivedAfterSeconds = await waitForArrivals({
        inRooms: () => inRoomsSince(ticks, second(), lastJoin),
        needed,
        untilMs: run.startAt + (lastJoin + options.arrivalLimitSeconds) * 1000,
      });
      const windowFrom = Math.ceil(second() + options.settleSeconds);
      const windowTo = windowFrom + options.windowSeconds;
      onProgress(`${mode}: ${level} musicians, measuring seconds ${windowFrom}-${windowTo}`);
      await sleepUntil(run.startAt + windowFrom * 1000);
      await serverLoopDelayP99(target.urls[0]!); // starts the server's histogram afresh
      const throttlingFrom = quota?.throttling();
      const machineFrom = machineTime();
      await sleepUntil(run.startAt + windowTo * 1000 + TICK_GRACE_MS);
      const throttlingTo = quota?.throttling();
      const machineTo = machineTime();
      if (coordinator.failure) throw new Error(`a user worker failed: ${coordinator.failure}`);
      const inWindow = (s: number) => s >= windowFrom && s < windowTo;
      const figures = levelFigures(
        level,
        ticks.filter((tick) => inWindow(tick.second)),
        cpu.between(windowFrom, windowTo),
      );
      const verdict = judgeLevel(mode, figures, levels);
      if (arrivedAfterSeconds === null) {
        verdict.held = false;
        verdict.missed.unshift(
          `fewer than ${needed} in their rooms ${options.arrivalLimitSeconds} s after the last was due`,
        );
      }
      const result = {
        figures,
        verdict,
        arrivedAfterSeconds,
        serverLoopDelayP99Ms: await serverLoopDelayP99(target.urls[0]!),
        stolenShare: stolenShare(machineFrom, machineTo),
        ...(throttlingFrom && throttlingTo
          ? { throttledShare: throttledShare(throttlingFrom, throttlingTo) }
          : {}),
      };
      results.push(result);
      onProgress(`${mode}: ${describeLevel(result)}`);
      ticks.splice(0, ticks.length, ...ticks.filter((tick) => tick.second >= windowTo));
      // A count the load tester could not keep up with bounds the search as one that
      // broke would, but says nothing of the server.
      const { held, loadTesterBehind } = result.verdict;
      if (loadTesterBehind) loadTesterLimit = Math.min(loadTesterLimit ?? Infinity, level);
      else if (!held) broken = Math.min(broken ?? Infinity, level);
      search.record(level, held && !loadTesterBehind);
    }
    return {
      mode,
      held: search.held,
      broken,
      loadTesterLimit,
      levels: results,
      loadTesterNiceness,
      serverCpu: options.serverCpu,
    };
  } finally {
    cpu.stop();
    await coordinator.close();
    await target.stop();
    quota?.release();
  }
}

/** One count's outcome in a line. */
export function describeLevel({
  figures: f,
  verdict,
  arrivedAfterSeconds,
  serverLoopDelayP99Ms,
  throttledShare,
  stolenShare: stolen,
}: LevelResult): string {
  const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "–");
  const outcome = verdict.loadTesterBehind
    ? "not judged: the load tester fell behind"
    : verdict.held
      ? "held"
      : `broke (${verdict.missed.join("; ")})`;
  const arrived =
    arrivedAfterSeconds === null
      ? "not all arrived"
      : `arrived ${arrivedAfterSeconds.toFixed(0)} s after the last was due`;
  return (
    `${f.musicians} musicians ${outcome}: ${arrived}, ${f.inRooms.toFixed(0)} in rooms; ` +
    `join ack p99 ${ms(f.joinAck.p99)} (n=${f.joinAck.count}); ` +
    `pings late ${((f.latePings / Math.max(1, f.pings)) * 100).toFixed(1)} % of ${f.pings}; ` +
    `recording p99 ${ms(f.recordingLatency.p99)} (n=${f.recordingLatency.count}; ${f.recordingsFromCache} answered without the server); ` +
    `note p99 ${ms(f.noteLatency.p99)} (n=${f.noteLatency.count}); errors ${f.errors}; ` +
    `server CPU mean ${f.cpu.mean.toFixed(0)} % max ${f.cpu.max.toFixed(0)} %, loop delay p99 ${ms(serverLoopDelayP99Ms)}` +
    (throttledShare === undefined
      ? "; "
      : `, held back by its quota in ${(throttledShare * 100).toFixed(0)} % of its periods; `) +
    `load tester's loop delay p99 by second: median ${ms(summarize(f.workerLoopDelays).p50)}, max ${ms(Math.max(0, ...f.workerLoopDelays))}` +
    `; the machine's CPU time stolen by its host ${(stolen * 100).toFixed(1)} %`
  );
}

/** Of the periods between two readings, the share in which the quota held the server back. */
function throttledShare(from: Throttling, to: Throttling): number {
  return (to.throttled - from.throttled) / Math.max(1, to.periods - from.periods);
}

/**
 * The server's event loop delay p99 since the last scrape, ms: prom-client's, less its
 * sampling interval (10 ms), which each of its samples counts in.
 */
async function serverLoopDelayP99(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const seconds = Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1]);
  return Math.max(0, seconds * 1000 - 10);
}

/** The server's CPU, % of one core, for each second of the run. */
class CpuSampler {
  readonly #probe: InstanceProbe;
  readonly #bySecond = new Map<number, number>();
  #stopped = false;

  constructor(probe: InstanceProbe) {
    this.#probe = probe;
  }

  start(startAt: number): void {
    void (async () => {
      await sleepUntil(startAt);
      let before = await this.#probe.sample();
      let beforeAt = monotonicMs();
      for (let second = 0; !this.#stopped; second++) {
        await sleepUntil(startAt + (second + 1) * 1000);
        const now = await this.#probe.sample().catch(() => before);
        const nowAt = monotonicMs();
        this.#bySecond.set(second, ((now.cpuMs - before.cpuMs) / (nowAt - beforeAt)) * 100);
        before = now;
        beforeAt = nowAt;
      }
    })();
  }

  /** Seconds `from` up to `to`. */
  between(from: number, to: number): number[] {
    const values: number[] = [];
    for (let second = from; second < to; second++) {
      const value = this.#bySecond.get(second);
      if (value !== undefined) values.push(value);
    }
    return values;
  }

  stop(): void {
    this.#stopped = true;
  }
}
