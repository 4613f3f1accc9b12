import type { Logger } from "../logger";
import type { SignalingServer } from "../types";
import type { Cluster } from "./cluster";

/** An instance not heard from for this many rounds is taken to be gone. */
const ROUNDS_KEPT = 3;
/** Players asked to move at most, per instance and round: a new instance fills in steps. */
const MOST_MOVED_A_ROUND = 5;

export interface RebalanceOptions {
  /** How often instances compare their loads (0: never). */
  roundMs: number;
  /** How far over its share (a fraction of it) an instance may be before it sheds players. */
  margin: number;
}

/**
 * Keeps the instances' shares of the players even. Each round every instance tells the
 * others how many sockets it holds; one holding more than its share by the margin asks a
 * few of its players to reconnect. They do, through the balancer, which sends them to the
 * least loaded instance (a new one, after a scale-up): as after a failover, they come back
 * as the same members and their peer connections stay up, so nobody hears a gap or sees
 * anyone leave.
 */
export class Rebalancer {
  readonly #loads = new Map<string, { sockets: number; heardAt: number }>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: SignalingServer,
    private readonly cluster: Cluster,
    private readonly logger: Logger,
    private readonly options: RebalanceOptions,
  ) {}

  start(instance: string): void {
    if (this.options.roundMs <= 0 || this.cluster.kind === "standalone") return;
    this.cluster.hear("instanceLoad", (from, sockets) =>
      this.#loads.set(from, { sockets, heardAt: Date.now() }),
    );
    this.#timer = setInterval(() => this.#round(instance), this.options.roundMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  #round(instance: string): void {
    const sockets = [...this.io.of("/").sockets.values()];
    this.cluster.tell("instanceLoad", instance, sockets.length);
    const stale = Date.now() - ROUNDS_KEPT * this.options.roundMs;
    let total = sockets.length;
    let instances = 1;
    for (const [other, load] of this.#loads) {
      if (load.heardAt < stale) this.#loads.delete(other);
      else {
        total += load.sockets;
        instances++;
      }
    }
    if (instances < 2) return;
    const share = total / instances;
    const excess = sockets.length - share;
    if (excess < Math.max(1, share * this.options.margin)) return;
    // Members only (a socket not in a room has nothing to keep), and not one already asked.
    const movable = sockets.filter((socket) => socket.data.member && !socket.data.askedToMove);
    const moved = movable.slice(0, Math.min(MOST_MOVED_A_ROUND, Math.ceil(excess)));
    for (const socket of moved) {
      socket.data.askedToMove = true;
      socket.emit("reconnectElsewhere");
    }
    if (moved.length > 0) {
      this.logger.info(
        { sockets: sockets.length, share: Math.round(share), moved: moved.length },
        "rebalancing: players asked to reconnect",
      );
    }
  }
}
