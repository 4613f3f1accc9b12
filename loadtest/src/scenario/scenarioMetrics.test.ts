import { describe, expect, it } from "vitest";
import type { SecondTick } from "../workers/workerProtocol";
import { emptyTick } from "./tickRecorder";
import {
  cpuPercent,
  mergeSecond,
  percentilesOf,
  summarizeMode,
  tallyErrors,
  type SecondRecord,
} from "./scenarioMetrics";

const tick = (overrides: Partial<SecondTick>) => emptyTick({ second: 3, ...overrides });

describe("cpuPercent", () => {
  it("is CPU time over wall time, in % of one core", () => {
    expect(cpuPercent(1000, 1250, 1000)).toBe(25);
    expect(cpuPercent(0, 3000, 2000)).toBe(150); // two cores busy, half of one more
    expect(cpuPercent(5, 5, 0)).toBe(0);
  });
});

describe("percentilesOf", () => {
  it("interpolates between ranks, and is null without samples", () => {
    expect(percentilesOf([])).toBeNull();
    const values = Array.from({ length: 101 }, (_, i) => 100 - i); // 100 … 0, unsorted
    expect(percentilesOf(values)).toEqual({ count: 101, p50: 50, p95: 95, p99: 99, max: 100 });
  });
});

describe("mergeSecond", () => {
  it("adds up the processes' ticks and takes percentiles over all their samples", () => {
    const record = mergeSecond(
      3,
      "hold",
      [
        tick({
          connected: 5,
          notesSent: 9,
          quietNotes: 4,
          recordingRequests: 1,
          recordingsFromCache: 1,
          noteLatencies: [1, 2],
          joinAcks: [3, 5],
          pings: 10,
          latePings: 1,
          loopDelayP99Ms: 12,
          reconnects: 1,
        }),
        tick({
          connected: 4,
          notesSent: 7,
          noteLatencies: [3],
          recordingLatencies: [10],
          recordingRequests: 1,
          joinTimes: [200, 400],
          joinAcks: [4],
          pings: 8,
          loopDelayP99Ms: 30,
          errors: { recording: { count: 2, example: "HTTP 500" } },
        }),
      ],
      [{ cpuPercent: 12, rssBytes: 2 ** 20 }],
    );
    expect(record).toMatchObject({
      second: 3,
      phase: "hold",
      connected: 9,
      events: 22,
      notesSent: 16,
      quietNotes: 4,
      notesReceived: 3,
      recordingRequests: 2,
      recordingsFromCache: 1,
      joins: 2,
      pings: 18,
      latePings: 1,
      workerLoopDelayMs: 30,
      errors: 2,
      reconnects: 1,
    });
    expect(record.joinAck).toMatchObject({ count: 3, p50: 4, max: 5 });
    expect(record.noteLatency).toEqual({ count: 3, p50: 2, p95: 2.9, p99: 2.98, max: 3 });
    expect(record.joinTime?.p50).toBe(300);
    expect(record.recordingLatency?.max).toBe(10);
  });

  it("leaves latencies empty (null) in a second without any", () => {
    const record = mergeSecond(0, "ramp-up", [tick({ connected: 1 })], []);
    expect(record.noteLatency).toBeNull();
    expect(record.events).toBe(0);
  });
});

describe("summarizeMode", () => {
  const second = (s: number, phase: SecondRecord["phase"], cpu: number[], events: number) =>
    mergeSecond(
      s,
      phase,
      [tick({ connected: phase === "hold" ? 10 : 4, notesSent: events, pings: 10, latePings: s })],
      cpu.map((cpuPercent) => ({ cpuPercent, rssBytes: cpuPercent * 2 ** 20 })),
    );

  it("takes CPU and rates over the hold only, summing the instances each second", () => {
    const seconds = [
      second(0, "ramp-up", [90, 90], 5),
      second(1, "hold", [10, 20], 20),
      second(2, "hold", [30, 40], 22),
      second(3, "ramp-down", [95, 5], 5),
    ];
    const summary = summarizeMode("relay", seconds, {
      holdNoteLatencies: [1, 2, 3],
      holdRecordingLatencies: [],
      joinTimes: [100],
      joinAcks: [2, 4],
      errors: {},
    });
    expect(summary.cpu.mean).toBe(50); // (30 + 70) / 2
    expect(summary.cpu.max).toBe(70);
    expect(summary.holdSeconds).toBe(2);
    expect(summary.eventsPerSecond.mean).toBe(21);
    expect(summary.peakConnected).toBe(10);
    expect(summary.rssMaxBytes).toBe(95 * 2 ** 20);
    expect(summary.notesSent).toBe(52);
    expect(summary.noteLatency.p50).toBe(2);
    expect(summary.recordingLatency.count).toBe(0);
    expect(summary.joinAck.p50).toBe(3);
    // Late pings over the hold only: 1 + 2 of 20.
    expect(summary.latePingShare).toBeCloseTo(0.15);
  });
});

describe("tallyErrors", () => {
  it("counts by kind and keeps the first example", () => {
    const tally = {};
    tallyErrors(tally, { join: { count: 1, example: "first" } });
    tallyErrors(tally, {
      join: { count: 2, example: "later" },
      channels: { count: 1, example: "x" },
    });
    expect(tally).toEqual({
      join: { count: 3, example: "first" },
      channels: { count: 1, example: "x" },
    });
  });
});
