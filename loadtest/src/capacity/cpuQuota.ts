import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * How often the kernel hands out a quota's CPU time, µs, at the shortest: ten times
 * shorter than its default (100 ms), so a process over its share waits tens of
 * milliseconds at most, not most of a tenth of a second.
 */
const MIN_PERIOD_US = 10_000;

/**
 * The CPU time the kernel hands a core at once from a quota (µs): a quota smaller than
 * this is spent on whichever core asks first, and a process with threads on both cores
 * (its GC's, libuv's) is held back far below its share. Quotas are made at least this.
 */
function bandwidthSliceUs(): number {
  try {
    return Number(readFileSync("/proc/sys/kernel/sched_cfs_bandwidth_slice_us", "utf8")) || 5000;
  } catch {
    return 5000;
  }
}

/** How often a quota held its process back, since the quota was made. */
export interface Throttling {
  /** Periods in which the process ran. */
  periods: number;
  /** Of those, the ones in which it spent its quota and waited for the next period. */
  throttled: number;
}

/** A process held to a share of one core (a Linux cgroup's CPU quota). */
export interface CpuQuota {
  /** Of one core: 0.25 is a quarter. */
  share: number;
  /** The kernel's count so far (cpu.stat); zeros once released. */
  throttling(): Throttling;
  /** Removes the cgroup (its process gone or moved back). Safe to call twice. */
  release(): void;
}

/** A cgroup hierarchy that takes a CPU quota. */
interface CgroupRoot {
  dir: string;
  version: 1 | 2;
  /** Unmounts it, if it was mounted here. */
  unmount(): void;
}

/** Whether the cgroup v2 hierarchy at `dir` offers the CPU controller. */
function offersCpu(dir: string): boolean {
  const controllers = join(dir, "cgroup.controllers");
  return existsSync(controllers) && readFileSync(controllers, "utf8").split(/\s+/).includes("cpu");
}

/**
 * A mounted cgroup hierarchy with a CPU controller: v2's (where `cpu` is among its
 * controllers) or v1's `cpu`. Inside `ip netns exec` (scripts/in-netns.sh) /sys is the
 * namespace's own and has none: then v1's cpu hierarchy (or v2's) is mounted afresh in a
 * temporary folder, in that private mount namespace.
 */
function cgroupRoot(): CgroupRoot {
  const keep = () => {};
  for (const line of readFileSync("/proc/self/mountinfo", "utf8").split("\n")) {
    // "… <mount point> <options> - <fs type> <source> <super options>"
    const [mount, rest] = line.split(" - ");
    const dir = mount?.split(" ")[4];
    const [type, , superOptions = ""] = rest?.split(" ") ?? [];
    if (!dir) continue;
    if (type === "cgroup" && superOptions.split(",").includes("cpu")) {
      return { dir, version: 1, unmount: keep };
    }
    if (type === "cgroup2" && offersCpu(dir)) return { dir, version: 2, unmount: keep };
  }
  const dir = mkdtempSync(join(tmpdir(), "np-cgroup-"));
  const unmount = () => {
    try {
      execFileSync("umount", [dir], { stdio: "ignore" });
      rmdirSync(dir);
    } catch {
      // Busy still: the namespace's end takes it.
    }
  };
  for (const [version, args] of [
    [1, ["-t", "cgroup", "-o", "cpu"]],
    [2, ["-t", "cgroup2"]],
  ] as const) {
    try {
      execFileSync("mount", [...args, "nicepiano-cpu", dir], { stdio: "ignore" });
      if (version === 1 || offersCpu(dir)) return { dir, version, unmount };
      unmount();
    } catch {
      // Not this kind here: the next.
    }
  }
  rmdirSync(dir);
  throw new Error("no cgroup hierarchy with a CPU controller, and none could be mounted (root?)");
}

/**
 * Holds process `pid` (every thread of it) to `share` of one core, as a container's CPU
 * limit would: an instance of that size on this machine. Needs root (or a delegated
 * cgroup); throws with the reason where the kernel refuses.
 */
export function limitCpu(pid: number, share: number): CpuQuota {
  if (!(share > 0)) throw new Error(`a CPU share is above 0, not ${share}`);
  const cgroups = cgroupRoot();
  const { dir: root, version } = cgroups;
  const dir = join(root, `nicepiano-quota-${pid}`);
  const periodUs = Math.max(MIN_PERIOD_US, Math.ceil(bandwidthSliceUs() / share));
  const quotaUs = Math.round(share * periodUs);
  try {
    // v2: a group's controllers are the ones its parent hands down.
    if (version === 2) writeFileSync(join(root, "cgroup.subtree_control"), "+cpu");
    mkdirSync(dir);
    if (version === 2) {
      writeFileSync(join(dir, "cpu.max"), `${quotaUs} ${periodUs}`);
    } else {
      writeFileSync(join(dir, "cpu.cfs_period_us"), String(periodUs));
      writeFileSync(join(dir, "cpu.cfs_quota_us"), String(quotaUs));
    }
    writeFileSync(join(dir, "cgroup.procs"), String(pid));
  } catch (error) {
    removeGroup(root, dir);
    cgroups.unmount();
    throw new Error(`cannot hold process ${pid} to ${share} of a core: ${String(error)}`, {
      cause: error,
    });
  }
  let released = false;
  return {
    share,
    throttling: () => (released ? { periods: 0, throttled: 0 } : readThrottling(dir)),
    release: () => {
      if (released) return;
      released = true;
      removeGroup(root, dir);
      cgroups.unmount();
    },
  };
}

/** The cgroup's cpu.stat (v1 and v2 both name these two `nr_periods`, `nr_throttled`). */
function readThrottling(dir: string): Throttling {
  const stat = readFileSync(join(dir, "cpu.stat"), "utf8");
  const count = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, "m").exec(stat)?.[1] ?? 0);
  return { periods: count("nr_periods"), throttled: count("nr_throttled") };
}

/** Moves what is left in `dir` back to `root`, then removes it. */
function removeGroup(root: string, dir: string): void {
  if (!existsSync(dir)) return;
  try {
    for (const pid of readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n")) {
      if (pid) writeFileSync(join(root, "cgroup.procs"), pid);
    }
    rmdirSync(dir);
  } catch {
    // A process exiting meanwhile: the kernel removes it from the group by itself, and
    // an empty group left behind holds nothing.
  }
}
