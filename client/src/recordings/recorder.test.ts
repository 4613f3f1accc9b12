import { PeerMessageType, recordingDraftSchema, RECORDING_LIMITS } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { Recorder } from "./recorder";

describe("Recorder", () => {
  it("keeps each input's own time, relative to the start", () => {
    const recorder = new Recorder();
    recorder.start(1000, 5_000_000);
    recorder.capture({ kind: "noteOn", note: 60, velocity: 90 }, 1010.5);
    recorder.capture({ kind: "pedal", down: true }, 1200);
    recorder.capture({ kind: "noteOff", note: 60, velocity: 0 }, 1500);
    recorder.capture({ kind: "pedal", down: false }, 1600);
    const take = recorder.stop(2000);
    expect(take).toEqual({
      startTime: 5_000_000,
      endTime: 5_001_000,
      events: [
        [10.5, PeerMessageType.NoteOn, 60, 90],
        [200, PeerMessageType.Pedal, 1, 0],
        [500, PeerMessageType.NoteOff, 60, 0],
        [600, PeerMessageType.Pedal, 0, 0],
      ],
    });
    expect(recorder.recording).toBe(false);
  });

  it("releases what is still held at the end, so the take is well formed", () => {
    const recorder = new Recorder();
    recorder.start(0, 0);
    recorder.capture({ kind: "noteOn", note: 64, velocity: 70 }, 100);
    recorder.capture({ kind: "pedal", down: true }, 150);
    const take = recorder.stop(300);
    expect(take.events.slice(2)).toEqual([
      [300, PeerMessageType.NoteOff, 64, 0],
      [300, PeerMessageType.Pedal, 0, 0],
    ]);
    expect(recordingDraftSchema.safeParse({ name: "t", ...take }).success).toBe(true);
  });

  it("ignores releases of keys pressed before the take and repeated pedal states", () => {
    const recorder = new Recorder();
    recorder.start(0, 0);
    recorder.capture({ kind: "noteOff", note: 60, velocity: 0 }, 10);
    recorder.capture({ kind: "pedal", down: false }, 20);
    expect(recorder.stop(50).events).toEqual([]);
  });

  it("never lets time run backwards, even for inputs stamped before the start", () => {
    const recorder = new Recorder();
    recorder.start(1000, 0);
    recorder.capture({ kind: "noteOn", note: 60, velocity: 90 }, 990);
    recorder.capture({ kind: "noteOn", note: 62, velocity: 90 }, 1100);
    recorder.capture({ kind: "noteOn", note: 64, velocity: 90 }, 1050);
    expect(recorder.stop(1200).events.map(([at]) => at)).toEqual([0, 100, 100, 200, 200, 200]);
  });

  it("says when the take is full, and the full take is still valid", () => {
    const recorder = new Recorder();
    recorder.start(0, 0);
    let accepted = 0;
    for (let i = 0; i < RECORDING_LIMITS.events + 10; i++) {
      const note = 21 + (i % 88);
      const event =
        i % 2 === 0
          ? ({ kind: "noteOn", note, velocity: 1 } as const)
          : ({ kind: "noteOff", note: 21 + ((i - 1) % 88), velocity: 0 } as const);
      if (!recorder.capture(event, i)) break;
      accepted++;
    }
    expect(accepted).toBeGreaterThan(RECORDING_LIMITS.events - 5);
    const take = recorder.stop(RECORDING_LIMITS.events + 20);
    expect(take.events.length).toBeLessThanOrEqual(RECORDING_LIMITS.events);
    expect(recordingDraftSchema.safeParse({ name: "full", ...take }).success).toBe(true);

    recorder.start(0, 0);
    expect(recorder.capture({ kind: "pedal", down: true }, RECORDING_LIMITS.durationMs + 1)).toBe(
      false,
    );
  });
});
