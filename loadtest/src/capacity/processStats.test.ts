import { describe, expect, it } from "vitest";
import { processStats } from "./processStats";

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
});
