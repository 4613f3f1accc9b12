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
