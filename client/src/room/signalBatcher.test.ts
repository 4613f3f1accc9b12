import { LIMITS, type SignalData, type Signals } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SIGNAL_BATCH_MS, SignalBatcher } from "./signalBatcher";

const offer: SignalData = { type: "offer", sdp: "v=0 offer" };
const candidate = (n: number): SignalData => ({
  type: "candidate",
  candidate: { candidate: `candidate:${n}` },
});

describe("SignalBatcher", () => {
  let sent: [string, Signals][];
  let batcher: SignalBatcher;
  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    batcher = new SignalBatcher((to, signals) => sent.push([to, signals]));
  });
  afterEach(() => vi.useRealTimers());

  it("sends the first signal at once and what follows within the window together, in order", () => {
    batcher.add("bob", offer);
    expect(sent).toEqual([["bob", offer]]);
    batcher.add("bob", candidate(1));
    batcher.add("bob", candidate(2));
    vi.advanceTimersByTime(SIGNAL_BATCH_MS - 1);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      ["bob", offer],
      ["bob", [candidate(1), candidate(2)]],
    ]);
    // The window closed: the next goes at once, alone.
    batcher.add("bob", candidate(3));
    expect(sent.at(-1)).toEqual(["bob", candidate(3)]);
  });

  it("keeps each peer's window apart, and sends one follower alone, not as a list", () => {
    batcher.add("bob", offer);
    batcher.add("cy", offer);
    batcher.add("bob", candidate(1));
    vi.advanceTimersByTime(SIGNAL_BATCH_MS);
    expect(sent).toEqual([
      ["bob", offer],
      ["cy", offer],
      ["bob", candidate(1)],
    ]);
  });

  it("keeps a batch within the signals and the bytes one message may carry", () => {
    batcher.add("bob", offer);
    for (let n = 0; n < LIMITS.signalsPerMessage + 1; n++) batcher.add("bob", candidate(n));
    vi.advanceTimersByTime(SIGNAL_BATCH_MS);
    const batches = sent.slice(1).map(([, signals]) => signals);
    expect(batches).toEqual([
      Array.from({ length: LIMITS.signalsPerMessage }, (_, n) => candidate(n)),
      candidate(LIMITS.signalsPerMessage),
    ]);

    sent = [];
    const big: SignalData = { type: "answer", sdp: "x".repeat(LIMITS.signalBytes * 0.6) };
    batcher.add("cy", offer);
    batcher.add("cy", big);
    batcher.add("cy", big);
    vi.advanceTimersByTime(SIGNAL_BATCH_MS);
    expect(sent).toEqual([
      ["cy", offer],
      ["cy", big],
      ["cy", big],
    ]);
  });

  it("drops what waits when stopped", () => {
    batcher.add("bob", offer);
    batcher.add("bob", candidate(1));
    batcher.stop();
    vi.advanceTimersByTime(SIGNAL_BATCH_MS);
    expect(sent).toEqual([["bob", offer]]);
    batcher.add("bob", candidate(2));
    expect(sent.at(-1)).toEqual(["bob", candidate(2)]);
  });
});
