import { describe, expect, it } from "vitest";
import { runCapacity } from "../src/capacity/capacityRun";

describe("the capacity run, scaled down", () => {
  it("holds its clients and reports every figure, each plausible", async () => {
    const result = await runCapacity({
      clients: 40,
      roomSize: 8,
      workers: 2,
      perSecond: 100,
      holdSeconds: 5,
    });
    expect(result).toMatchObject({ joined: 40, errors: 0 });
    expect(result.joinAcks.count).toBe(40);
    expect(result.joinAcks.p50).toBeGreaterThan(0);
    expect(result.joinAcks.p99).toBeLessThan(5000);
    // Pinged every 2 s: each client saw a few gaps of about that.
    expect(result.pingGaps.count).toBeGreaterThanOrEqual(40);
    expect(result.pingGaps.p50).toBeGreaterThan(1500);
    expect(result.pingGaps.p50).toBeLessThan(3000);
    expect(result.cpu.count).toBeGreaterThanOrEqual(5);
    expect(result.cpu.max).toBeGreaterThanOrEqual(0);
    expect(result.rssMaxBytes).toBeGreaterThan(10 * 2 ** 20);
    expect(result.serverLoopDelay.p99).toBeGreaterThan(0);
    expect(result.serverLoopDelay.max).toBeGreaterThanOrEqual(result.serverLoopDelay.p99);
  }, 60_000);
});
