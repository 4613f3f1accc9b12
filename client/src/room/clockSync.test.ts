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

  it("reads a server's ping as a sample: sent at its time, answered within its round trip", () => {
    const clock = new ClockSync(() => 10_000);
    // Left the server at 5000 by its clock, arrived here at 4501, round trip 2 ms.
    expect(clock.addServerSample(5000, 2, 4501)).toBe("agrees");
    expect(clock.offsetMs).toBe(500);
  });

  it("prefers a newer sample once an old one's drift allowance outgrows its round trip", () => {
    let now = 0;
    const clock = new ClockSync(() => now);
    clock.addSample(0, 500, 0); // a perfect sample, offset 500
    now = 1000;
    clock.addSample(1000, 1502, 1004); // rtt 4: offset 500, within ±3
    expect(clock.offsetMs).toBe(500);
    now = 100_000; // 50 ppm of 100 s: the perfect sample is now good to ±6 ms
    clock.addSample(100_000, 100_503, 100_004); // offset 501, ±3: the best now
    expect(clock.offsetMs).toBe(501);
  });

  it("says when a sample cannot be true with the ones kept: a clock jumped", () => {
    const clock = new ClockSync(() => 0);
    expect(clock.addSample(0, 500, 2)).toBe("agrees"); // offset 499, ±2
    expect(clock.addSample(10, 512, 14)).toBe("agrees"); // offset 500, ±3: overlaps
    expect(clock.addSample(20, 530, 22)).toBe("jump"); // offset 509, ±2: cannot be
    expect(clock.offsetMs).toBe(509);
    expect(clock.addSample(30, Number.NaN, 32)).toBe("refused");
  });
});
