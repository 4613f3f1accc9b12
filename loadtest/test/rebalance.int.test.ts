import { describe, expect, it } from "vitest";
import { runRebalance } from "../src/rebalanceRun";

describe("rebalancing after a scale-up, behind the shipped haproxy", () => {
  it("fills a third instance to a third of the players within 60 s: no note lost, nobody seen leaving", async () => {
    const report = await runRebalance(60);
    expect(report.balancedAfterMs, JSON.stringify(report)).not.toBeNull();
    expect(report.balancedAfterMs!).toBeLessThan(60_000);
    for (const count of report.counts)
      expect(Math.abs(count - 20), JSON.stringify(report)).toBeLessThanOrEqual(2);
    expect(report.notesSent).toBeGreaterThan(0);
    expect(report.notesLost, JSON.stringify(report)).toBe(0);
    // A stall of this busy process may make a few come too late to play; not many.
    expect(report.notesLate, JSON.stringify(report)).toBeLessThan(report.notesSent * 0.05);
    expect(report.left).toBe(0);
  }, 180_000);
});
