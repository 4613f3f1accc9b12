import { describe, expect, it } from "vitest";
import { monotonicMs } from "../bench/benchPeerMessages";
import { emptyTick as tick } from "../scenario/tickRecorder";
import { inRoomsAt, waitForArrivals } from "./arrivals";

describe("inRoomsAt", () => {
  it("adds up the workers' ticks for one second", () => {
    const ticks = [
      tick({ second: 3, connected: 40 }),
      tick({ second: 4, connected: 45 }),
      tick({ second: 3, connected: 50 }),
      tick({ second: 4, connected: 48 }),
    ];
    expect(inRoomsAt(ticks, 3)).toBe(90);
    expect(inRoomsAt(ticks, 4)).toBe(93);
    expect(inRoomsAt(ticks, 5)).toBe(0);
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

  it("resolves with null when the time runs out first", async () => {
    const from = monotonicMs();
    const stuck = await waitForArrivals({
      inRooms: () => 49,
      needed: 50,
      untilMs: from + 100,
      pollMs: 10,
    });
    expect(stuck).toBeNull();
    expect(monotonicMs() - from).toBeGreaterThanOrEqual(99);
  });
});
