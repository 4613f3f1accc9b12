import { describe, expect, it } from "vitest";
import { SeqWindow } from "./seqWindow";

describe("SeqWindow", () => {
  it("takes every number once, in any order", () => {
    const window = new SeqWindow();
    expect([0, 1, 2].map((seq) => window.accept(seq))).toEqual([true, true, true]);
    expect(window.accept(1)).toBe(false);
    expect(window.accept(5)).toBe(true);
    expect(window.accept(3)).toBe(true);
    expect(window.accept(5)).toBe(false);
    expect(window.accept(3)).toBe(false);
  });

  it("takes numbers far older than the newest as repeats, and forgets them", () => {
    const window = new SeqWindow();
    for (let seq = 0; seq < 10_000; seq++) expect(window.accept(seq)).toBe(true);
    expect(window.accept(10)).toBe(false);
    expect(window.accept(9_999)).toBe(false);
    expect(window.accept(10_000)).toBe(true);
  });
});

describe("SeqWindow around its ring", () => {
  it("takes each number once across the ring's end, after jumps of every size", () => {
    const window = new SeqWindow();
    let seq = 0;
    expect(window.accept(seq)).toBe(true);
    for (const jump of [1, 1, 4000, 95, 1, 4096, 5000, 3, 4095, 2]) {
      seq += jump;
      expect(window.accept(seq)).toBe(true);
      expect(window.accept(seq)).toBe(false);
      // The number just before: taken already when the jump was 1, new otherwise.
      expect(window.accept(seq - 1)).toBe(jump > 1);
      expect(window.accept(seq - 1)).toBe(false);
    }
  });
});
