import { describe, expect, it } from "vitest";
import { emptyTick } from "../scenario/tickRecorder";
import { judgeLevel, levelFigures } from "./serviceLevels";

const tick = emptyTick;

/** Two workers over two seconds, 100 musicians, all well. */
const calm = () => [
  tick({ second: 1, connected: 50, joinAcks: [3, 4], pings: 25, recordingLatencies: [5] }),
  tick({ second: 1, connected: 50, pings: 25, noteLatencies: [2, 3] }),
  tick({ second: 2, connected: 49, pings: 25, latePings: 1, recordingsFromCache: 1 }),
  tick({
    second: 2,
    connected: 50,
    pings: 25,
    loopDelayP99Ms: 12,
    errors: { x: { count: 2, example: "" } },
  }),
];

describe("levelFigures", () => {
  it("adds the workers' ticks up, second by second", () => {
    const figures = levelFigures(100, calm(), [40, 60]);
    expect(figures).toMatchObject({
      musicians: 100,
      inRooms: 99.5,
      pings: 100,
      latePings: 1,
      recordingsFromCache: 1,
      errors: 2,
      workerLoopDelays: [0, 12],
    });
    expect(figures.joinAck.count).toBe(2);
    expect(figures.noteLatency.max).toBe(3);
    expect(figures.cpu.mean).toBe(50);
  });
});

describe("judgeLevel", () => {
  it("holds when every level is kept", () => {
    expect(judgeLevel("relay", levelFigures(100, calm(), [50]))).toEqual({
      held: true,
      missed: [],
      loadTesterBehind: false,
    });
  });

  it("names each level missed, with its figure", () => {
    const ticks = [
      tick({ second: 1, connected: 90, joinAcks: [150], pings: 10, latePings: 2 }),
      tick({ second: 1, recordingLatencies: [250], noteLatencies: [80] }),
    ];
    const verdict = judgeLevel("relay", levelFigures(100, ticks, [99]));
    expect(verdict.held).toBe(false);
    expect(verdict.missed).toEqual([
      "90 of 100 in their rooms",
      "join acknowledgement p99 150.0 ms",
      "20.0 % of pings late",
      "recording p99 250.0 ms",
      "relayed note p99 80.0 ms",
    ]);
    // Peer to peer, notes are not the server's: their latency is not one of its levels.
    expect(judgeLevel("p2p", levelFigures(100, ticks, [99])).missed).not.toContain(
      "relayed note p99 80.0 ms",
    );
  });

  it("says when the load tester itself fell behind, not for one pause in ten seconds", () => {
    const seconds = (late: number) =>
      Array.from({ length: 10 }, (_, second) =>
        tick({ second, connected: 10, loopDelayP99Ms: second < late ? 400 : 5 }),
      );
    expect(judgeLevel("p2p", levelFigures(10, seconds(1), [5])).loadTesterBehind).toBe(false);
    expect(judgeLevel("p2p", levelFigures(10, seconds(2), [5])).loadTesterBehind).toBe(true);
  });
});
