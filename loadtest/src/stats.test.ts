import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./stats";

describe("percentile", () => {
  it("interpolates between closest ranks", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 50)).toBe(5.5);
    expect(percentile(sorted, 100)).toBe(10);
    expect(percentile(sorted, 90)).toBeCloseTo(9.1);
  });

  it("handles one value and none", () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("summarize", () => {
  it("sorts its input and reports count, extremes, mean and percentiles", () => {
    const values = Array.from({ length: 101 }, (_, i) => 100 - i); // 100 … 0, unsorted
    expect(summarize(values)).toEqual({
      count: 101,
      min: 0,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
      mean: 50,
    });
  });
});
