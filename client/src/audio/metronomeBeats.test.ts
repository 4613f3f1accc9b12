import { describe, expect, it } from "vitest";
import { beatsBetween } from "./metronomeBeats";

const at120 = { bpm: 120, beatsPerBar: 3, startAt: 10_000 };

describe("beatsBetween", () => {
  it("gives the beats in a window, every 60/bpm seconds from the start, accenting each bar's first", () => {
    expect(beatsBetween(at120, 9_000, 12_000)).toEqual([
      { at: 10_000, index: 0, downbeat: true },
      { at: 10_500, index: 1, downbeat: false },
      { at: 11_000, index: 2, downbeat: false },
      { at: 11_500, index: 3, downbeat: true },
    ]);
  });

  it("includes a beat at the window's start and not one at its end, so windows chain", () => {
    const first = beatsBetween(at120, 10_500, 11_500);
    const next = beatsBetween(at120, 11_500, 12_500);
    expect(first.map((beat) => beat.index)).toEqual([1, 2]);
    expect(next.map((beat) => beat.index)).toEqual([3, 4]);
  });

  it("gives nothing when stopped, before the start, or for an empty window", () => {
    expect(beatsBetween({ ...at120, startAt: null }, 0, 1e9)).toEqual([]);
    expect(beatsBetween(at120, 0, 9_999)).toEqual([]);
    expect(beatsBetween(at120, 11_000, 11_000)).toEqual([]);
  });

  it("keeps uneven tempos on the exact grid, far from the start", () => {
    const odd = { bpm: 97, beatsPerBar: 4, startAt: 0 };
    const period = 60_000 / 97;
    const far = beatsBetween(odd, 3_600_000, 3_601_000);
    for (const beat of far) expect(beat.at).toBeCloseTo(beat.index * period, 6);
  });
});
