import type { LatencyTable, Millis, RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { ClientSocket, SignalingServer } from "../types";
import type { LatencyTracker } from "./latencyTracker";

export interface LatencyPingerOptions {
  io: SignalingServer;
  tracker: LatencyTracker;
  intervalMs: Millis;
  timeoutMs: Millis;
  /** Hears every round trip measured (for metrics). */
  onMeasured?: (rttMs: Millis) => void;
  /** About this many members are pinged at once; more are spread over the interval. */
  pingsPerSlice?: number;
  /** Other instances may serve members of the same rooms: they get the tables too. */
  cluster?: Cluster;
}

/**
 * Every write to a socket is a system call: 10,000 pings and as many table deliveries in
 * one pass held the event loop for up to a second (BENCHMARKS.md, capacity), and every
 * join arriving then waited.
 */
const PINGS_PER_SLICE = 250;
/** Slices start within this share of the interval, leaving time for late timers. */
const SPREAD = 0.75;

interface Slice {
  rooms: [RoomName, ClientSocket[]][];
  timer?: NodeJS.Timeout;
}

/**
 * Every interval: pings each member of each room on this instance (answered by a
 * Socket.IO acknowledgement), the ping carrying the round trips measured so far of the
 * room's members here. Rooms are taken in slices spread over the interval. With several
 * instances, each also sends its table to the room's members elsewhere, and clients
 * merge the tables.
 */
export class LatencyPinger {
  readonly #options: LatencyPingerOptions;
  #timer: NodeJS.Timeout | undefined;
  #pending: Slice[] = [];

  constructor(options: LatencyPingerOptions) {
    this.#options = options;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.tick(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** One round: each room's table, then its members' next pings, slice by slice. */
  tick(): void {
    const { io, intervalMs, pingsPerSlice = PINGS_PER_SLICE } = this.#options;
    // A slice of the last round still waiting (its timer late) goes now: nobody misses one.
    for (const slice of this.#pending.splice(0)) {
      clearTimeout(slice.timer);
      this.#run(slice);
    }
    const rooms = new Map<RoomName, ClientSocket[]>();
    for (const socket of io.of("/").sockets.values()) {
      const { room, member } = socket.data;
      if (!room || !member) continue;
      const members = rooms.get(room) ?? [];
      members.push(socket);
      rooms.set(room, members);
    }
    const slices: Slice[] = [{ rooms: [] }];
    let inSlice = 0;
    for (const entry of rooms) {
      if (inSlice >= pingsPerSlice) {
        slices.push({ rooms: [] });
        inSlice = 0;
      }
      slices.at(-1)!.rooms.push(entry);
      inSlice += entry[1].length;
    }
    this.#run(slices[0]!);
    for (const [i, slice] of slices.entries()) {
      if (i === 0) continue;
      slice.timer = setTimeout(
        () => {
          this.#pending = this.#pending.filter((waiting) => waiting !== slice);
          this.#run(slice);
        },
        (i * intervalMs * SPREAD) / slices.length,
      );
      slice.timer.unref();
      this.#pending.push(slice);
    }
  }

  #run({ rooms }: Slice): void {
    const { tracker, timeoutMs, onMeasured, cluster } = this.#options;
    for (const [room, members] of rooms) {
      const table: LatencyTable = {};
      let measured = false;
      for (const socket of members) {
        const id = socket.data.member?.id;
        const rtt = id === undefined ? undefined : tracker.rttOf(id);
        if (id === undefined || rtt === undefined) continue;
        table[id] = rtt;
        measured = true;
      }
      if (measured) {
        const here = members.map((socket) => socket.id);
        cluster?.emitElsewhere(room, here, "latency", table);
      }
      for (const socket of members) {
        const member = socket.data.member;
        if (!member || !socket.connected) continue;
        const sentAt = performance.now();
        socket.timeout(timeoutMs).emit("latencyPing", table, (error: Error | null) => {
          if (error || socket.data.member?.id !== member.id) return;
          const rttMs = performance.now() - sentAt;
          tracker.record(member.id, rttMs);
          onMeasured?.(rttMs);
        });
      }
    }
  }

  /** Stops pinging. Safe to call twice. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const slice of this.#pending.splice(0)) clearTimeout(slice.timer);
  }
}
