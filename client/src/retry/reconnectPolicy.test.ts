import { describe, expect, it } from "vitest";
import { ReconnectPolicy } from "./reconnectPolicy";

describe("ReconnectPolicy", () => {
  it("doubles from the first wait up to the longest", () => {
    const policy = new ReconnectPolicy({ firstMs: 100, maxMs: 1000, jitter: 0.5, random: () => 0 });
    expect([0, 1, 2, 3, 4, 10].map((attempt) => policy.nextDelayMs(attempt))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it("takes up to the jitter's share off each wait, at random", () => {
    const draws = [1, 0.5, 0];
    let next = 0;
    const random = () => draws[next++]!;
    const policy = new ReconnectPolicy({ firstMs: 1000, maxMs: 1000, jitter: 0.5, random });
    expect([0, 0, 0].map((attempt) => policy.nextDelayMs(attempt))).toEqual([500, 750, 1000]);
  });

  it("spreads clients cut off together over the window", () => {
    const policy = new ReconnectPolicy({ firstMs: 1000, maxMs: 1000, jitter: 0.5 });
    const waits = Array.from({ length: 200 }, () => policy.nextDelayMs(0));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1000);
    expect(new Set(waits.map((wait) => Math.floor(wait / 100))).size).toBeGreaterThanOrEqual(4);
  });
});
