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
