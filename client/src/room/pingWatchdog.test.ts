import { LATENCY_PING_TIMEOUT_MS } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PingWatchdog } from "./pingWatchdog";

describe("PingWatchdog", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("calls out a silence past the next ping's time and the ping timeout, once", () => {
    const silence = vi.fn();
    const watchdog = new PingWatchdog(silence);
    vi.advanceTimersByTime(120_000);
    expect(silence).not.toHaveBeenCalled(); // never armed: no ping yet

    watchdog.heard(2000);
    vi.advanceTimersByTime(2000 + LATENCY_PING_TIMEOUT_MS - 1);
    watchdog.heard(16_000); // in time: the wait starts over, from the new ping
    vi.advanceTimersByTime(16_000 + LATENCY_PING_TIMEOUT_MS - 1);
    expect(silence).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(silence).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(silence).toHaveBeenCalledTimes(1);
  });

  it("expects nothing once stopped (safe twice)", () => {
    const silence = vi.fn();
    const watchdog = new PingWatchdog(silence);
    watchdog.heard(2000);
    watchdog.stop();
    watchdog.stop();
    vi.advanceTimersByTime(120_000);
    expect(silence).not.toHaveBeenCalled();
  });
});
