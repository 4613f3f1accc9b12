import { describe, expect, it } from "vitest";
import { TickRecorder } from "./tickRecorder";

describe("TickRecorder", () => {
  it("hands over a second's counts and starts the next one empty", () => {
    const recorder = new TickRecorder();
    recorder.noteSent();
    recorder.noteSent();
    recorder.noteArrived(1.5);
    recorder.quietNote();
    recorder.recordingAnswered(12, false);
    recorder.recordingAnswered(0.2, true);
    recorder.joined(300);
    recorder.joinAcknowledged(4);
    recorder.pinged(false);
    recorder.pinged(true);
    recorder.reconnected();
    recorder.failed("recording", new Error("HTTP 500"));
    recorder.failed("recording", new Error("HTTP 503"));
    const tick = recorder.take(4, 7);
    expect(tick.loopDelayP99Ms).toBeGreaterThanOrEqual(0);
    expect(tick).toEqual({
      second: 4,
      connected: 7,
      notesSent: 2,
      quietNotes: 1,
      recordingRequests: 2,
      recordingsFromCache: 1,
      noteLatencies: [1.5],
      recordingLatencies: [12, 0.2],
      joinTimes: [300],
      joinAcks: [4],
      pings: 2,
      latePings: 1,
      reconnects: 1,
      loopDelayP99Ms: tick.loopDelayP99Ms,
      errors: { recording: { count: 2, example: "Error: HTTP 500" } },
    });
    expect(recorder.take(5, 7)).toMatchObject({
      second: 5,
      notesSent: 0,
      noteLatencies: [],
      errors: {},
    });
    recorder.stop();
  });
});
