import { PeerMessageType, type PlayMessage } from "@nicepiano/protocol";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { describe, expect, it } from "vitest";
import { RemoteTiming, SteadyDelay } from "./remoteTiming";

const note = (t: number): PlayMessage => ({
  type: PeerMessageType.NoteOn,
  note: 60,
  velocity: 80,
  t,
});

/**
 * A player strikes a key every 100 ms; each note reaches us 5–35 ms later (seeded
 * jitter, as a busy network delivers). Gives the room times the notes sound at.
 */
function soundTimes(mode: "immediate" | "steady"): number[] {
  let now = 0;
  const timing = new RemoteTiming(
    () => now,
    (inMs) => inMs, // audio time: irrelevant here
  );
  timing.mode = mode;
  const rng = xoroshiro128plus(7);
  const heard: number[] = [];
  for (let i = 0; i < 200; i++) {
    const playedAt = 1000 + i * 100;
    now = playedAt + 5 + 30 * uniformFloat64(rng);
    const later = timing.when("ada", note(playedAt));
    heard.push(now + (later?.inMs ?? 0));
  }
  return heard;
}

const intervals = (times: number[]) => times.slice(1).map((time, i) => time - times[i]!);

describe("steady timing", () => {
  it("keeps a player's note spacing through jittered delivery; immediate passes the jitter on", () => {
    const steady = intervals(soundTimes("steady")).slice(20); // after the first notes
    const immediate = intervals(soundTimes("immediate")).slice(20);
    const worst = (values: number[]) => Math.max(...values.map((ioi) => Math.abs(ioi - 100)));
    expect(worst(steady)).toBeLessThan(1);
    expect(worst(immediate)).toBeGreaterThan(15);
  });

  it("sizes the delay from the lateness seen: up at once, back down slowly", () => {
    const delay = new SteadyDelay();
    for (let i = 0; i < 50; i++) delay.add(10);
    expect(delay.delayMs).toBeCloseTo(13, 5);
    delay.add(60);
    expect(delay.delayMs).toBeCloseTo(63, 5);
    for (let i = 0; i < 100; i++) delay.add(10);
    expect(delay.delayMs).toBeLessThan(63);
    expect(delay.delayMs).toBeGreaterThan(13);
    delay.add(1e6);
    expect(delay.delayMs).toBe(150); // capped
  });

  it("plays a note at once when it is later than the delay, and learns in immediate mode too", () => {
    let now = 0;
    const timing = new RemoteTiming(
      () => now,
      (inMs) => inMs / 1000,
    );
    now = 20;
    expect(timing.when("bob", note(0))).toBeUndefined();
    expect(timing.delayOf("bob")).toBeCloseTo(23, 5);
    timing.mode = "steady";
    now = 110;
    // 10 ms late now: the delay eases from 23 ms towards 13 (by 1 % a note).
    const later = timing.when("bob", note(100))!;
    expect(later.inMs).toBeCloseTo(100 + 22.9 - 110, 5);
    expect(later.time).toBeCloseTo(later.inMs / 1000, 9);
    timing.forget("bob");
    expect(timing.delayOf("bob")).toBeUndefined();
  });

  it("holds no note back for long, whatever time it says it was played", () => {
    const now = 5000;
    const timing = new RemoteTiming(
      () => now,
      (inMs) => inMs,
    );
    timing.mode = "steady";
    // A clock gone wrong, or a hostile player: a note "played" an hour from now.
    const later = timing.when("eve", note(now + 3_600_000))!;
    expect(later.inMs).toBeLessThanOrEqual(1000);
  });
});
