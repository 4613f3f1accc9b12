import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { ScenarioOptions } from "./scenarioOptions";

/** A seeded source of chances, so that a run can be repeated choice for choice. */
export interface Chance {
  /** A number in [0, 1). */
  next(): number;
}

export function seededChance(seed: number): Chance {
  const rng = xoroshiro128plus(seed);
  return { next: () => uniformFloat64(rng) };
}

export type PhaseName = "ramp-up" | "hold" | "ramp-down";

export interface Phase {
  name: PhaseName;
  /** Seconds from the start of the run (scaled). */
  from: number;
  to: number;
}

export interface PlannedUser {
  index: number;
  name: string;
  room: string;
  /** When it connects and when it leaves, in seconds from the start of the run. */
  joinAt: number;
  leaveAt: number;
}

export interface ScenarioPlan {
  users: PlannedUser[];
  phases: Phase[];
  /** When the last user has left. */
  endsAt: number;
}

/**
 * The timeline: `rampUsers` join every `rampEverySeconds` until all are in; full load is
 * held for `holdSeconds`; then they leave at the same pace, first in first out. Each
 * picks a room at random among those with room left. Durations are divided by
 * `timeScale`.
 */
export function planScenario(
  options: Pick<
    ScenarioOptions,
    "users" | "rooms" | "roomLimit" | "rampUsers" | "rampEverySeconds" | "holdSeconds" | "timeScale"
  >,
  chance: Chance,
): ScenarioPlan {
  const step = options.rampEverySeconds / options.timeScale;
  const steps = Math.ceil(options.users / options.rampUsers);
  const fullAt = (steps - 1) * step;
  const holdEnd = fullAt + options.holdSeconds / options.timeScale;
  const occupancy = new Array<number>(options.rooms).fill(0);
  const users = Array.from({ length: options.users }, (_, index): PlannedUser => {
    const open = occupancy.flatMap((taken, room) => (taken < options.roomLimit ? [room] : []));
    const room = open[Math.floor(chance.next() * open.length)]!;
    occupancy[room]!++;
    const group = Math.floor(index / options.rampUsers);
    return {
      index,
      name: `user-${index}`,
      room: `load-${room}`,
      joinAt: group * step,
      leaveAt: holdEnd + group * step,
    };
  });
  const endsAt = holdEnd + fullAt;
  return {
    users,
    phases: [
      { name: "ramp-up", from: 0, to: fullAt },
      { name: "hold", from: fullAt, to: holdEnd },
      { name: "ramp-down", from: holdEnd, to: endsAt },
    ],
    endsAt,
  };
}

/** The phase second `t` falls in (the later one on a boundary). */
export function phaseAt(phases: readonly Phase[], t: number): PhaseName {
  return [...phases].reverse().find((phase) => t >= phase.from)?.name ?? "ramp-up";
}
