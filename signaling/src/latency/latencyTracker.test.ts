import { describe, expect, it } from "vitest";
import { AWAY_KEPT_MS, LatencyTracker } from "./latencyTracker";

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

  it("keeps a peer's ping pace once it has a round trip", () => {
    const tracker = new LatencyTracker();
    tracker.setPingEveryRounds("a", 4);
    expect(tracker.pingEveryRoundsOf("a")).toBeUndefined();
    tracker.record("a", 5);
    tracker.setPingEveryRounds("a", 4);
    expect(tracker.pingEveryRoundsOf("a")).toBe(4);
  });

  it("keeps a peer away for a while, until measured again or away too long", () => {
    const tracker = new LatencyTracker();
    for (const peer of ["a", "b", "c"]) {
      tracker.record(peer, 5);
      tracker.setPingEveryRounds(peer, 8);
    }
    tracker.away("a", 1000);
    tracker.away("b", 2000);
    tracker.away("c", 3000);
    tracker.record("c", 6); // back, measured: no longer away
    tracker.forgetAway(1000 + AWAY_KEPT_MS - 1);
    expect(tracker.table(["a", "b", "c"])).toEqual({ a: 5, b: 5, c: 6 });
    tracker.forgetAway(1000 + AWAY_KEPT_MS);
    expect(tracker.rttOf("a")).toBeUndefined();
    expect(tracker.pingEveryRoundsOf("a")).toBeUndefined();
    expect(tracker.pingEveryRoundsOf("b")).toBe(8);
    tracker.forgetAway(3000 + AWAY_KEPT_MS);
    expect(tracker.table(["a", "b", "c"])).toEqual({ c: 6 });
    expect(tracker.pingEveryRoundsOf("c")).toBe(8);
  });
});
