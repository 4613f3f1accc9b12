import { readFileSync } from "node:fs";

/** CPU time (user + system, ms) and resident memory (bytes) of a process, from /proc. */
export function processStats(pid: number): { cpuMs: number; rssBytes: number } {
  // /proc/<pid>/stat: the 14th and 15th fields after the command are utime and stime, in
  // clock ticks (100 a second on Linux).
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rssKb = Number(
    /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1],
  );
  return { cpuMs: ticks * 10, rssBytes: rssKb * 1024 };
}

/** The machine's CPU time so far, all cores, in clock ticks: in all, and stolen. */
export interface MachineTime {
  total: number;
  /** Taken by the hypervisor for other guests while this machine had work to run. */
  steal: number;
}

/** From /proc/stat's first line: "cpu user nice system idle iowait irq softirq steal …". */
export function machineTime(): MachineTime {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const ticks = fields.slice(0, 8).map(Number);
  return { total: ticks.reduce((sum, value) => sum + value, 0), steal: ticks[7] ?? 0 };
}

/** Of the machine's CPU time between two readings, the share stolen (0–1). */
export function stolenShare(from: MachineTime, to: MachineTime): number {
  return (to.steal - from.steal) / Math.max(1, to.total - from.total);
}
