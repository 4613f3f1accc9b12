import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { limitCpu } from "../src/capacity/cpuQuota";
import { processStats } from "../src/capacity/processStats";

/** A process that spins forever: it takes all the CPU it is given. */
function spinner(): ChildProcess {
  return spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
}

/** The share of one core `pid` used over `ms`. */
async function cpuShare(pid: number, ms: number): Promise<number> {
  const before = processStats(pid).cpuMs;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (processStats(pid).cpuMs - before) / (performance.now() - started);
}

describe("limitCpu (tests run as root, or where cgroups are delegated)", () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
  });

  it("holds a busy process to its share of a core, and lets it go", async () => {
    const held = spinner();
    children.push(held);
    const quota = limitCpu(held.pid!, 0.05);
    const limited = await cpuShare(held.pid!, 2000);
    expect(limited).toBeGreaterThan(0.01);
    expect(limited).toBeLessThan(0.1);
    // Spinning, it spends its quota in (nearly) every period it runs in.
    const { periods, throttled } = quota.throttling();
    expect(periods).toBeGreaterThan(10);
    expect(throttled / periods).toBeGreaterThan(0.8);
    quota.release();
    expect(quota.throttling()).toEqual({ periods: 0, throttled: 0 });
    quota.release();
    // Let go, it takes what the machine's other work leaves it: on two busy cores still
    // several times a twentieth of one.
    const free = await cpuShare(held.pid!, 2000);
    expect(free).toBeGreaterThan(0.15);
  });

  it("counts no period held back for a process that stays within its share", async () => {
    const idle = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], {
      stdio: "ignore",
    });
    children.push(idle);
    const quota = limitCpu(idle.pid!, 0.25);
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await wait(1000); // its start (node's own) may spend a quota or two
    const before = quota.throttling();
    await wait(1000);
    expect(quota.throttling().throttled - before.throttled).toBe(0);
    quota.release();
  });

  it("refuses a share that is not above 0, holding nothing", () => {
    expect(() => limitCpu(process.pid, 0)).toThrow(/above 0/);
  });
});
