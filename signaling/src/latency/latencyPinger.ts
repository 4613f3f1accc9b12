import type { LatencyTable, Millis, RoomName } from "@nicepiano/protocol";
import type { SignalingServer } from "../types";
import type { LatencyTracker } from "./latencyTracker";

export interface LatencyPingerOptions {
  io: SignalingServer;
  tracker: LatencyTracker;
  intervalMs: Millis;
  timeoutMs: Millis;
  /** Hears every round trip measured (for metrics). */
  onMeasured?: (rttMs: Millis) => void;
}

/**
 * Every interval: pings each client of this instance that is in a room (answered by a
 * Socket.IO acknowledgement), then tells each room the round trips this instance knows.
 * With several instances, each reports its own sockets and clients merge the tables.
 */
export class LatencyPinger {
  readonly #options: LatencyPingerOptions;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: LatencyPingerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** One round: publish what was measured so far, then send the next pings. */
  tick(): void {
    const { io, tracker, timeoutMs, onMeasured } = this.#options;
    const tables = new Map<RoomName, LatencyTable>();
    for (const socket of io.of("/").sockets.values()) {
      const { room, member } = socket.data;
      if (!room || !member) continue;
      const rtt = tracker.rttOf(member.id);
      if (rtt !== undefined) {
        const table = tables.get(room) ?? {};
        table[member.id] = rtt;
        tables.set(room, table);
      }
      const sentAt = performance.now();
      socket.timeout(timeoutMs).emit("latencyPing", (error: Error | null) => {
        if (error || socket.data.member?.id !== member.id) return;
        const rttMs = performance.now() - sentAt;
        tracker.record(member.id, rttMs);
        onMeasured?.(rttMs);
      });
    }
    for (const [room, table] of tables) io.to(room).emit("latency", table);
  }

  /** Stops pinging. Safe to call twice. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
