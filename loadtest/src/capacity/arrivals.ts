import { monotonicMs } from "../bench/benchPeerMessages";
import { sleepUntil } from "../scenario/scenarioRun";
import type { SecondTick } from "../workers/workerProtocol";

/**
 * Musicians in their rooms at the latest second every worker has reported (each sends one
 * tick a second), or undefined before the first such second.
 */
export function inRoomsAtLatestSecond(
  ticks: readonly SecondTick[],
  workers: number,
): number | undefined {
  const bySecond = new Map<number, { reports: number; inRooms: number }>();
  for (const tick of ticks) {
    const second = bySecond.get(tick.second) ?? { reports: 0, inRooms: 0 };
    second.reports += 1;
    second.inRooms += tick.connected;
    bySecond.set(tick.second, second);
  }
  let latest: number | undefined;
  let inRooms: number | undefined;
  for (const [second, tally] of bySecond) {
    if (tally.reports < workers || (latest !== undefined && second < latest)) continue;
    latest = second;
    inRooms = tally.inRooms;
  }
  return inRooms;
}

export interface ArrivalWait {
  /** Musicians in their rooms now, as far as is known (undefined: not known yet). */
  inRooms: () => number | undefined;
  needed: number;
  /** Give up at this monotonic time, ms. */
  untilMs: number;
  pollMs?: number;
}

/**
 * Waits until at least `needed` musicians are in their rooms: a count is judged once it
 * has arrived, not while newcomers are still queueing to get in. Resolves with the seconds
 * waited, or null if `untilMs` came first.
 */
export async function waitForArrivals({
  inRooms,
  needed,
  untilMs,
  pollMs = 500,
}: ArrivalWait): Promise<number | null> {
  const from = monotonicMs();
  for (;;) {
    if ((inRooms() ?? -1) >= needed) return (monotonicMs() - from) / 1000;
    if (monotonicMs() >= untilMs) return null;
    await sleepUntil(Math.min(untilMs, monotonicMs() + pollMs));
  }
}
