import { describe, expect, it } from "vitest";
import { phaseAt, planScenario, seededChance } from "./scenarioPlan";

const original = {
  users: 175,
  rooms: 10,
  roomLimit: 18,
  rampUsers: 5,
  rampEverySeconds: 10,
  holdSeconds: 600,
  timeScale: 1,
};

describe("planScenario", () => {
  it("ramps 5 users every 10 s to 175, holds 10 minutes, ramps down first in first out", () => {
    const plan = planScenario(original, seededChance(1));
    expect(plan.users).toHaveLength(175);
    expect(plan.users.slice(0, 6).map((user) => user.joinAt)).toEqual([0, 0, 0, 0, 0, 10]);
    expect(plan.users.at(-1)!.joinAt).toBe(340);
    expect(plan.phases).toEqual([
      { name: "ramp-up", from: 0, to: 340 },
      { name: "hold", from: 340, to: 940 },
      { name: "ramp-down", from: 940, to: 1280 },
    ]);
    expect(plan.users[0]!.leaveAt).toBe(940);
    expect(plan.users.at(-1)!.leaveAt).toBe(1280);
    expect(plan.endsAt).toBe(1280);
  });

  it("puts everyone in one of the rooms, none over its limit", () => {
    const plan = planScenario(original, seededChance(7));
    const sizes = new Map<string, number>();
    for (const user of plan.users) sizes.set(user.room, (sizes.get(user.room) ?? 0) + 1);
    expect(sizes.size).toBe(10);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(18);
  });

  it("repeats its choices for a seed, and makes others for another", () => {
    const rooms = (seed: number) =>
      planScenario(original, seededChance(seed)).users.map((u) => u.room);
    expect(rooms(3)).toEqual(rooms(3));
    expect(rooms(3)).not.toEqual(rooms(4));
  });

  it("compresses the timeline by the time scale", () => {
    const plan = planScenario({ ...original, timeScale: 10 }, seededChance(1));
    expect(plan.phases.map((phase) => phase.to)).toEqual([34, 94, 128]);
  });
});

describe("phaseAt", () => {
  it("names the phase a second falls in", () => {
    const { phases } = planScenario(original, seededChance(1));
    expect(phaseAt(phases, 0)).toBe("ramp-up");
    expect(phaseAt(phases, 339.9)).toBe("ramp-up");
    expect(phaseAt(phases, 340)).toBe("hold");
    expect(phaseAt(phases, 1000)).toBe("ramp-down");
  });
});
