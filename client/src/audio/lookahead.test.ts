import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Lookahead } from "./lookahead";

describe("Lookahead", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("asks for what is due before now + look-ahead at once, then every tick, until stopped", () => {
    let now = 1000;
    const asked: [number, number][] = [];
    const lookahead = new Lookahead({ now: () => now, lookaheadMs: 150, tickMs: 25 }, (n, h) =>
      asked.push([n, h]),
    );
    lookahead.start();
    expect(asked).toEqual([[1000, 1150]]);
    now = 1025;
    vi.advanceTimersByTime(25);
    expect(asked.at(-1)).toEqual([1025, 1175]);
    lookahead.start(); // already running: one loop, one more hand-over now
    lookahead.stop();
    const count = asked.length;
    vi.advanceTimersByTime(100);
    expect(asked).toHaveLength(count);
  });
});
