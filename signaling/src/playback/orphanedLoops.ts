import type { Cluster } from "../cluster/cluster";
import type { Logger } from "../logger";
import type { LocalPeers } from "../rooms/localPeers";
import { membersOf } from "../rooms/roomMembers";
import type { RoomPlaybacks } from "./roomPlaybacks";

/**
 * Ends the loops whose starter went without a goodbye: their instance crashed, so no
 * instance heard them leave, and a loop never ends by itself. Every `intervalMs` this
 * instance looks for the starter of each loop it plays; one found in no instance's room
 * (and not away for a moment, in a grace period) at two looks in a row is ended here.
 * Each instance ends its own copy. Nothing is judged while Redis is away, or when some
 * instance did not answer: who is there is not known then.
 */
export function startOrphanedLoopSweep(
  playbacks: RoomPlaybacks,
  cluster: Cluster,
  peers: LocalPeers,
  intervalMs: number,
  logger: Logger,
): () => void {
  /** The loops whose starter was missing at the last look. */
  let missing = new Set<string>();
  let sweeping = false;
  const sweep = async () => {
    const missingNow = new Set<string>();
    for (const room of playbacks.rooms()) {
      const loops = playbacks.inRoom(room).filter((playback) => playback.loop);
      if (loops.length === 0) continue;
      const members = await membersOf(cluster, room).catch(() => null);
      if (!members || !cluster.connected) continue;
      const present = new Set(members.map((member) => member.id));
      for (const loop of loops) {
        if (present.has(loop.by) || peers.isAway(loop.by)) continue;
        if (!missing.has(loop.id)) {
          missingNow.add(loop.id);
          continue;
        }
        playbacks.endHere(room, loop.id);
        logger.info({ room, playback: loop.id, by: loop.by }, "loop ended: its starter is gone");
      }
    }
    missing = missingNow;
  };
  const timer = setInterval(() => {
    if (sweeping || !cluster.connected) return;
    sweeping = true;
    sweep()
      .catch((error: unknown) => logger.warn({ err: error }, "loop sweep failed"))
      .finally(() => (sweeping = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
