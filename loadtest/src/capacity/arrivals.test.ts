import { describe, expect, it } from "vitest";
import { monotonicMs } from "../bench/benchPeerMessages";
import { emptyTick as tick } from "../scenario/tickRecorder";
import { inRoomsAt, inRoomsSince, waitForArrivals } from "./arrivals";

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

describe("inRoomsSince", () => {
  it("reads the latest second all in, once it ends after the count changed", () => {
    // 100 in second 9; the count went down to 50 at 10.2 s.
    const ticks = [tick({ second: 9, connected: 100 }), tick({ second: 10, connected: 50 })];
    // At 11.6 s second 10's ticks may still be coming: second 9 counted the count before.
    expect(inRoomsSince(ticks, 11.6, 10.2)).toBe(0);
    expect(inRoomsSince(ticks, 12.6, 10.2)).toBe(50);
    expect(inRoomsSince(ticks, 11.6, 9)).toBe(100);
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
