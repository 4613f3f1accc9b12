import { describe, expect, it } from "vitest";
import { machineTime, processStats, stolenShare } from "./processStats";

describe("processStats", () => {
  it("reads this process's CPU time, which grows with work, and its memory", () => {
    const before = processStats(process.pid);
    let spin = 0;
    const until = performance.now() + 120;
    while (performance.now() < until) spin++;
    const after = processStats(process.pid);
    expect(spin).toBeGreaterThan(0);
    expect(after.cpuMs).toBeGreaterThan(before.cpuMs);
    expect(after.rssBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(after.rssBytes).toBeLessThan(8 * 2 ** 30);
  });

  it("reads the machine's CPU time, which grows as time passes, and the share stolen from it", async () => {
    const before = machineTime();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = machineTime();
    // 100 ticks a second on each core: about 10 a core in 100 ms.
    expect(after.total - before.total).toBeGreaterThan(5);
    expect(after.steal).toBeGreaterThanOrEqual(before.steal);
    const share = stolenShare(before, after);
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
    expect(stolenShare(before, { total: before.total + 100, steal: before.steal + 25 })).toBe(0.25);
  });
});
