import { execFileSync } from "node:child_process";
import { cpus } from "node:os";

/**
 * Which cores the server and the load tester get when they share a machine: the server
 * core 0 to itself, the load tester the others. Without it the two fight for the same
 * cores, and a busy load tester takes time from the server it measures. Null on a
 * machine of one core.
 */
export function splitCores(): { server: string; loadTester: string } | null {
  // Every core the machine has (availableParallelism would say what this process may use,
  // and it may have been bound to some already).
  const cores = cpus().length;
  if (cores < 2) return null;
  return { server: "0", loadTester: cores === 2 ? "1" : `1-${cores - 1}` };
}

/** Binds every thread of process `pid` (and those it starts later) to `cores` ("1-3"). */
export function pinToCores(pid: number, cores: string): void {
  execFileSync("taskset", ["--all-tasks", "--cpu-list", "--pid", cores, String(pid)], {
    stdio: "ignore",
  });
}
