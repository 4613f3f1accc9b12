import { describe, expect, it } from "vitest";
import { monotonicMs } from "../bench/benchPeerMessages";
import { emptyTick as tick } from "../scenario/tickRecorder";
import { inRoomsAtLatestSecond, waitForArrivals } from "./arrivals";

describe("inRoomsAtLatestSecond", () => {
  it("adds up the latest second every worker has reported", () => {
    const ticks = [
      tick({ second: 3, connected: 40 }),
      tick({ second: 4, connected: 45 }),
      tick({ second: 3, connected: 50 }),
      // Second 5 has one report of two: not complete yet.
      tick({ second: 5, connected: 60 }),
      tick({ second: 4, connected: 48 }),
    ];
    expect(inRoomsAtLatestSecond(ticks, 2)).toBe(93);
    expect(inRoomsAtLatestSecond(ticks, 1)).toBe(60);
    expect(inRoomsAtLatestSecond(ticks.slice(0, 2), 2)).toBeUndefined();
    expect(inRoomsAtLatestSecond([], 1)).toBeUndefined();
  });
});

describe("waitForArrivals", () => {
  it("resolves once enough are in their rooms, with the seconds it waited", async () => {
    let inRooms = 0;
    const timer = setInterval(() => (inRooms += 10), 20);
    try {
      const waited = await waitForArrivals({
        inRooms: () => inRooms,
        needed: 50,
        untilMs: monotonicMs() + 5000,
        pollMs: 10,
      });
      expect(inRooms).toBeGreaterThanOrEqual(50);
      expect(waited).toBeGreaterThan(0);
      expect(waited).toBeLessThan(5);
    } finally {
      clearInterval(timer);
    }
  });

  it("resolves with null when the time runs out first, or nothing is known", async () => {
    const from = monotonicMs();
    const stuck = waitForArrivals({
      inRooms: () => 49,
      needed: 50,
      untilMs: from + 100,
      pollMs: 10,
    });
    const unknown = waitForArrivals({
      inRooms: () => undefined,
      needed: 0,
      untilMs: from + 100,
      pollMs: 10,
    });
    expect(await stuck).toBeNull();
    expect(await unknown).toBeNull();
    expect(monotonicMs() - from).toBeGreaterThanOrEqual(99);
  });
});
