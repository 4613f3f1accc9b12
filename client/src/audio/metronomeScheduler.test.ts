import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Beat } from "./metronomeBeats";
import { MetronomeScheduler } from "./metronomeScheduler";

describe("MetronomeScheduler", () => {
  let now = 0;
  let beats: Beat[] = [];
  const scheduler = () =>
    new MetronomeScheduler({
      now: () => now,
      onBeat: (beat) => beats.push(beat),
      lookaheadMs: 100,
      tickMs: 25,
    });
  beforeEach(() => {
    vi.useFakeTimers();
    now = 0;
    beats = [];
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    for (let i = 0; i < ms / 25; i++) {
      now += 25;
      vi.advanceTimersByTime(25);
    }
  };

  it("hands over each beat once, a little ahead, until stopped", () => {
    const metronome = scheduler();
    metronome.set({ bpm: 120, beatsPerBar: 4, startAt: 1000 });
    advance(2000);
    expect(beats.map((beat) => beat.at)).toEqual([1000, 1500, 2000]);
    metronome.set({ bpm: 120, beatsPerBar: 4, startAt: null });
    advance(1000);
    expect(beats).toHaveLength(3);
    metronome.destroy();
    metronome.destroy();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps its place when only the bar changes, and starts afresh on a new tempo", () => {
    const metronome = scheduler();
    metronome.set({ bpm: 120, beatsPerBar: 4, startAt: 0 });
    advance(1000);
    metronome.set({ bpm: 120, beatsPerBar: 3, startAt: 0 });
    expect(beats.map((beat) => beat.index)).toEqual([0, 1, 2]); // nothing twice
    metronome.set({ bpm: 60, beatsPerBar: 3, startAt: 2000 });
    advance(2000);
    expect(beats.slice(3).map((beat) => [beat.at, beat.downbeat])).toEqual([
      [2000, true],
      [3000, false],
    ]);
    metronome.destroy();
  });
});
