import { describe, expect, it } from "vitest";
import { LevelSearch } from "./levelSearch";

/** The counts a search tries when every count up to `limit` holds. */
function tried(limit: number, options = { from: 100, factor: 2, resolution: 0.1, max: 100_000 }) {
  const search = new LevelSearch(options);
  const levels: number[] = [];
  for (let level = search.next(); level !== null; level = search.next()) {
    levels.push(level);
    search.record(level, level <= limit);
  }
  return { levels, held: search.held, broken: search.broken };
}

describe("LevelSearch", () => {
  it("doubles until a count breaks, then halves the gap to within a tenth", () => {
    expect(tried(1000)).toEqual({
      levels: [100, 200, 400, 800, 1600, 1200, 1000, 1100],
      held: 1000,
      broken: 1100,
    });
  });

  it("narrows down from the first count when even that breaks", () => {
    const { levels, held, broken } = tried(30);
    expect(levels.slice(0, 3)).toEqual([100, 50, 25]);
    expect(held).toBeLessThanOrEqual(30);
    expect(broken).toBeGreaterThan(30);
    expect(broken! - held).toBeLessThanOrEqual(Math.max(1, held * 0.1));
  });

  it("stops at the most it may try, all held", () => {
    expect(tried(Infinity, { from: 100, factor: 2, resolution: 0.1, max: 500 })).toEqual({
      levels: [100, 200, 400, 500],
      held: 500,
      broken: undefined,
    });
  });
});
