import { describe, expect, it } from "vitest";
import { TickRecorder } from "./tickRecorder";

describe("TickRecorder", () => {
  it("hands over a second's counts and starts the next one empty", () => {
    const recorder = new TickRecorder();
    recorder.noteSent();
    recorder.noteSent();
    recorder.noteArrived(1.5);
    recorder.recordingAnswered(12);
    recorder.joined(300);
    recorder.reconnected();
    recorder.failed("recording", new Error("HTTP 500"));
    recorder.failed("recording", new Error("HTTP 503"));
    expect(recorder.take(4, 7)).toEqual({
      type: "tick",
      second: 4,
      connected: 7,
      notesSent: 2,
      recordingRequests: 1,
      noteLatencies: [1.5],
      recordingLatencies: [12],
      joinTimes: [300],
      reconnects: 1,
      errors: { recording: { count: 2, example: "Error: HTTP 500" } },
    });
    expect(recorder.take(5, 7)).toMatchObject({
      second: 5,
      notesSent: 0,
      noteLatencies: [],
      errors: {},
    });
  });
});
