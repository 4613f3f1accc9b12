import { describe, expect, it } from "vitest";
import { LatencyTracker } from "./latencyTracker";

describe("LatencyTracker", () => {
  it("reports the median of the last five samples", () => {
    const tracker = new LatencyTracker();
    expect(tracker.rttOf("a")).toBeUndefined();
    for (const rtt of [100, 1, 2, 3, 250, 4]) tracker.record("a", rtt);
    // 100 fell out of the window; the median of 1,2,3,250,4 is 3.
    expect(tracker.rttOf("a")).toBe(3);
  });

  it("rounds to a tenth of a millisecond", () => {
    const tracker = new LatencyTracker();
    tracker.record("a", 1.23456);
    expect(tracker.rttOf("a")).toBe(1.2);
  });

  it("builds a table of the peers that have samples, and forgets", () => {
    const tracker = new LatencyTracker();
    tracker.record("a", 5);
    tracker.record("b", 7);
    expect(tracker.table(["a", "b", "c"])).toEqual({ a: 5, b: 7 });
    tracker.forget("a");
    expect(tracker.table(["a", "b"])).toEqual({ b: 7 });
  });
});
