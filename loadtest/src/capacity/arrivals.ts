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

/** Ticks of a second arrive within this after it ends. */
export const TICK_GRACE_MS = 1500;

/**
 * Musicians in their rooms at the latest second whose ticks are all in at `now` (seconds
 * since the run's start), if that second ends after `since` (when the count last changed:
 * the seconds before it counted the count before); 0 until one does.
 */
export function inRoomsSince(ticks: readonly SecondTick[], now: number, since: number): number {
  const latest = Math.floor(now - TICK_GRACE_MS / 1000) - 1;
  return latest >= Math.floor(since) ? inRoomsAt(ticks, latest) : 0;
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
