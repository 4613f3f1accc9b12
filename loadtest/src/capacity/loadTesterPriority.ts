import { setPriority } from "node:os";

/**
 * The niceness of the load tester's workers on the server's machine: Linux gives a
 * process of niceness 0 about ten times the CPU of one of niceness 10 when they contend,
 * so the workers take what the server leaves of the cores, and a busy load tester slows
 * itself rather than the server it measures. (Bound to cores of their own instead, server
 * and load tester each had one of this machine's two, and the load tester, the busier,
 * fell behind at a third of the musicians.)
 */
export const LOAD_TESTER_NICENESS = 10;

/** Lowers the priority of the processes `pids` (the load tester's workers). */
export function yieldToServer(pids: readonly number[]): void {
  for (const pid of pids) setPriority(pid, LOAD_TESTER_NICENESS);
}
