import { describe, expect, it } from "vitest";
import { ClockSync } from "./clockSync";

describe("ClockSync", () => {
  it("is zero before any sample", () => {
    expect(new ClockSync().offsetMs).toBe(0);
  });

  it("takes the offset of the lowest round trip", () => {
    const clock = new ClockSync();
    // True offset +500 ms. A slow sample whose reply was queued on the way back...
    clock.addSample(1000, 1505, 1030); // rtt 30: estimate 1505 - 1015 = 490
    // ...and a fast symmetric one.
    clock.addSample(2000, 2501, 2002); // rtt 2: estimate 2501 - 2001 = 500
    clock.addSample(3000, 3540, 3100); // rtt 100: estimate 490
    expect(clock.offsetMs).toBe(500);
  });

  it("ignores impossible samples", () => {
    const clock = new ClockSync();
    clock.addSample(10, 100, 5);
    clock.addSample(10, Number.NaN, 12);
    expect(clock.offsetMs).toBe(0);
  });

  it("forgets old samples", () => {
    const clock = new ClockSync();
    clock.addSample(0, 1000, 0); // a perfect sample of an offset that later changes
    for (let i = 1; i <= 8; i++) clock.addSample(i * 100, i * 100 + 5, i * 100 + 10);
    expect(clock.offsetMs).toBe(0);
  });
});
