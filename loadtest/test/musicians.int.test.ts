import { describe, expect, it } from "vitest";
import { findMusiciansPerInstance, type MusiciansOptions } from "../src/capacity/musiciansRun";
import { SERVICE_LEVELS } from "../src/capacity/serviceLevels";

/** A few musicians in rooms of four, a few seconds a count. */
const small = (mode: MusiciansOptions["mode"]): MusiciansOptions => ({
  mode,
  from: 4,
  factor: 2,
  resolution: 0.1,
  max: 8,
  roomSize: 4,
  joinPerSecond: 20,
  arrivalLimitSeconds: 30,
  settleSeconds: 3,
  windowSeconds: 5,
  processes: 2,
  remoteWorkers: 0,
  listen: { host: "127.0.0.1", port: 0 },
  accounts: 4,
  eventEveryMs: 500,
  noteShare: 0.9,
  // A reconnecting musician is out of its room for a moment: with four, that is 25 %.
  reconnectChance: 0,
  latePingSlackMs: 500,
  url: null,
  profile: null,
  serverCpu: null,
  yieldToServer: false,
  seed: 1,
});

describe("musicians per instance, scaled down", () => {
  it.each(["p2p", "relay"] as const)(
    "%s: goes up while each count holds, judging it on every figure",
    async (mode) => {
      const result = await findMusiciansPerInstance(small(mode));
      expect(result.levels.map((level) => level.verdict.missed)).toEqual([[], []]);
      expect(result).toMatchObject({
        mode,
        held: 8,
        broken: undefined,
        loadTesterLimit: undefined,
      });
      expect(result.levels.map((level) => level.figures.musicians)).toEqual([4, 8]);
      for (const { figures, verdict, arrivedAfterSeconds, serverLoopDelayP99Ms } of result.levels) {
        expect(verdict).toEqual({ held: true, missed: [], loadTesterBehind: false });
        expect(arrivedAfterSeconds).not.toBeNull();
        expect(figures.inRooms).toBeGreaterThanOrEqual(figures.musicians * 0.9);
        expect(figures.pings).toBeGreaterThan(0);
        expect(figures.recordingLatency.count).toBeGreaterThan(0);
        expect(figures.errors).toBe(0);
        expect(figures.cpu.count).toBeGreaterThanOrEqual(4);
        expect(figures.workerLoopDelays.length).toBeGreaterThanOrEqual(4);
        expect(serverLoopDelayP99Ms).toBeGreaterThanOrEqual(0);
        // Peer to peer, notes pass no server: only relayed ones are timed.
        if (mode === "relay") expect(figures.noteLatency.count).toBeGreaterThan(50);
        else expect(figures.noteLatency.count).toBe(0);
      }
    },
    120_000,
  );

  it("narrows down from the first count that breaks, saying what broke", async () => {
    // Nobody can keep more than all the musicians in their rooms: every count breaks.
    const levels = { ...SERVICE_LEVELS, inRoomsShare: 2 };
    const result = await findMusiciansPerInstance({ ...small("p2p"), levels });
    expect(result.levels.map((level) => level.figures.musicians)).toEqual([4, 2, 1]);
    expect(result).toMatchObject({ held: 0, broken: 1, loadTesterLimit: undefined });
    for (const level of result.levels) {
      expect(level.verdict.held).toBe(false);
      expect(level.arrivedAfterSeconds).not.toBeNull();
      expect(level.verdict.missed[0]).toMatch(/^\d+ of \d in their rooms$/);
    }
  }, 120_000);

  it("breaks a count whose musicians are not in their rooms in time", async () => {
    // The last musician is due at the moment the wait gives up: the seconds reported by
    // then are all from before it joined.
    const options = { ...small("p2p"), from: 1, max: 1, arrivalLimitSeconds: 0 };
    const result = await findMusiciansPerInstance(options);
    expect(result).toMatchObject({ held: 0, broken: 1, loadTesterLimit: undefined });
    const [level] = result.levels;
    expect(level?.arrivedAfterSeconds).toBeNull();
    expect(level?.verdict.held).toBe(false);
    expect(level?.verdict.missed[0]).toBe("fewer than 1 in their rooms 0 s after the last was due");
    // It was measured all the same: the one musician got in.
    expect(level?.figures.inRooms).toBeGreaterThan(0);
  }, 120_000);
});
