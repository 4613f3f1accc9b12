import { monotonicMs } from "../bench/benchPeerMessages";
import { sleepUntil } from "../scenario/scenarioRun";
import type { SecondTick } from "../workers/workerProtocol";

/**
 * Musicians in their rooms at the end of `second`, by the workers' ticks for it (a worker
 * whose users have all left sends none: it has nobody in a room).
 */
export function inRoomsAt(ticks: readonly SecondTick[], second: number): number {
  let inRooms = 0;
  for (const tick of ticks) if (tick.second === second) inRooms += tick.connected;
  return inRooms;
}

export interface ArrivalWait {
  /** Musicians in their rooms, as far as is known now. */
  inRooms: () => number;
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
    if (inRooms() >= needed) return (monotonicMs() - from) / 1000;
    if (monotonicMs() >= untilMs) return null;
    await sleepUntil(Math.min(untilMs, monotonicMs() + pollMs));
  }
}
