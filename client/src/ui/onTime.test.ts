import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OnTime } from "./onTime";

describe("OnTime", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("makes a change when it is due, and one for now at once", () => {
    const onTime = new OnTime<number>();
    const made: string[] = [];
    onTime.at(60, 50, () => made.push("60 on"));
    onTime.at(62, 0, () => made.push("62 on"));
    expect(made).toEqual(["62 on"]);
    vi.advanceTimersByTime(50);
    expect(made).toEqual(["62 on", "60 on"]);
  });

  it("drops what was pending for a thing when a change for it comes now", () => {
    const onTime = new OnTime<number>();
    const made: string[] = [];
    onTime.at(60, 50, () => made.push("60 on"));
    onTime.at(64, 50, () => made.push("64 on"));
    onTime.at(60, 0, () => made.push("60 off"));
    vi.advanceTimersByTime(100);
    expect(made).toEqual(["60 off", "64 on"]);
  });

  it("drops everything pending when cleared", () => {
    const onTime = new OnTime<string>();
    const made: string[] = [];
    onTime.at("beat", 10, () => made.push("beat"));
    onTime.clear();
    vi.advanceTimersByTime(100);
    expect(made).toEqual([]);
  });
});
