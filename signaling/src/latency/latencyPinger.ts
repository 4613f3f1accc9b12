import type { ClockPing, LatencyTable, Millis, RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { ClientSocket, SignalingServer } from "../types";
import type { LatencyTracker } from "./latencyTracker";
import { OwnStalls } from "./ownStalls";

export interface LatencyPingerOptions {
  io: SignalingServer;
  tracker: LatencyTracker;
  /** A round: the shortest time between two pings of one member. */
  intervalMs: Millis;
  /** The longest a member whose round trip holds steady waits between two pings. */
  maxIntervalMs?: Millis;
  timeoutMs: Millis;
  /** Hears every round trip measured (for metrics). */
  onMeasured?: (rttMs: Millis) => void;
  /**
   * A member's ping went unanswered within `timeoutMs`: its connection is most likely
   * gone (the network under it went away without a word).
   */
  onUnanswered?: (socket: ClientSocket) => void;
  /** Each round is cut into this many phases, spread over it; each member keeps one. */
  phases?: number;
  /** Other instances may serve members of the same rooms: they get the tables too. */
  cluster?: Cluster;
  /**
   * The longest this process itself stood still (its event loop late) over the last
   * round and this one, ms. Measured by default; a test may say.
   */
  ownStallMs?: () => Millis;
}

/** Where a member stands in the ping schedule (kept on its socket). */
export interface PingCadence {
  /** The part of each round it is pinged in: its pings come whole rounds apart. */
  phase: number;
  /**
   * Rounds between its pings: 1, doubling while its round trip holds steady (a member
   * back from a lost connection takes up its pace from before).
   */
  everyRounds: number;
  /** The round of its next ping (Infinity while one is unanswered). */
  nextRound: number;
}

/**
 * Every write to a socket is a system call: 10,000 pings in one pass held the event loop
 * for up to a second (BENCHMARKS.md, capacity), and every join arriving then waited. So a
 * round's pings go out in phases spread over three quarters of it.
 */
const PHASES = 16;
const SPREAD = 0.75;
/** A round trip within this of the recent median (or half of it, if more) is steady. */
const STEADY_MS = 20;
const STEADY_SHARE = 0.5;

type Phase = Map<RoomName, ClientSocket[]>;

/**
 * Measures each member's round trip to the server, NTP style: a member is pinged every
 * round at first, then half as often each time its round trip holds steady, down to one
 * ping every `maxIntervalMs`, and every round again as soon as its round trip jumps (or a
 * ping goes unanswered). A new member starts at every round; one back from a lost
 * connection is pinged at once, then at its pace from before unless its round trip
 * jumped (about a third of the pings at the seed workload followed reconnects, each
 * starting over). Each ping carries the round trips of the room's members here and, for
 * clients that asked, the server's clock (a `ClockPing`: the client's clock sample,
 * without a request of its own). With several instances, each also sends its rooms'
 * tables to their members elsewhere every round, and clients merge the tables.
 */
export class LatencyPinger {
  readonly #options: LatencyPingerOptions;
  readonly #maxRounds: number;
  readonly #phases: number;
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;
  #pending: { run: () => void; timer: NodeJS.Timeout }[] = [];
  #round = 0;
  /** Phases are handed out in turn: every phase gets as many members. */
  #nextPhase = 0;
  readonly #ownStallMs: () => Millis;
  /** Watched from the first round until stopped, unless the options say. */
  readonly #stalls = new OwnStalls();

  constructor(options: LatencyPingerOptions) {
    this.#options = options;
    this.#phases = options.phases ?? PHASES;
    const maxIntervalMs = options.maxIntervalMs ?? options.intervalMs;
    this.#maxRounds = Math.max(1, Math.floor(maxIntervalMs / options.intervalMs));
    this.#ownStallMs = options.ownStallMs ?? (() => this.#stalls.longestMs());
  }

  /**
   * Rounds on the clock: each starts an interval after the last was due. (`setInterval` counts
   * each interval from when its callback ran: on a busy instance every round started a
   * little later than the last, and a member told its next ping came in 16 s heard it
   * half a second later.)
   */
  start(): void {
    if (this.#timer) return;
    // As if started when round 0 was: a member's next round stays where it was.
    this.#startedAt = performance.now() - this.#round * this.#options.intervalMs;
    this.#nextRoundOnTime();
  }

  #nextRoundOnTime(): void {
    const { intervalMs } = this.#options;
    const dueAt = this.#startedAt + (this.#round + 1) * intervalMs;
    this.#timer = setTimeout(
      () => {
        // A round held up past the next one's start (the process stood still) is skipped:
        // the members due in it are due in this one.
        const onClock = Math.floor((performance.now() - this.#startedAt) / intervalMs);
        this.#tick(Math.max(this.#round + 1, onClock));
        this.#nextRoundOnTime();
      },
      Math.max(0, dueAt - performance.now()),
    );
    this.#timer.unref();
  }

  /** One round now: the members due, phase by phase, each with its room's table. */
  tick(): void {
    this.#tick(this.#round + 1);
  }

  #tick(round: number): void {
    const { io, intervalMs, cluster } = this.#options;
    // A phase of the last round still waiting (its timer late) goes now: nobody misses one.
    for (const { run, timer } of this.#pending.splice(0)) {
      clearTimeout(timer);
      run();
    }
    this.#round = round;
    if (!this.#options.ownStallMs) this.#stalls.start();
    this.#stalls.nextRound();
    this.#options.tracker.forgetAway();
    // Only the members due go into their phases (a steady member is due one round in 15):
    // grouping every member of every room each round took about 8 % of the time of an
    // instance holding 5,000 (BENCHMARKS.md, musicians per instance). One whose ping is
    // still out goes too: an answer that comes before its phase runs may make it due (it
    // is looked at again then).
    const phases = Array.from({ length: this.#phases }, (): Phase => new Map());
    const roomsHere = cluster?.kind === "redis" ? new Set<RoomName>() : undefined;
    for (const socket of io.of("/").sockets.values()) {
      const { room, member } = socket.data;
      if (!room || !member) continue;
      roomsHere?.add(room);
      const { phase, nextRound } = this.#cadenceOf(socket, round);
      if (nextRound > round && nextRound !== Infinity) continue;
      const inPhase = phases[phase]!;
      const members = inPhase.get(room);
      if (members) members.push(socket);
      else inPhase.set(room, [socket]);
    }
    const tables = new Map<RoomName, LatencyTable>();
    const tableOf = (room: RoomName) => this.#tableOf(room, tables);
    for (const room of roomsHere ?? []) {
      const members = this.#membersHere(room);
      const table = this.#tableOf(room, tables, members);
      const here = members.map((socket) => socket.id);
      if (Object.keys(table).length > 0) cluster!.emitElsewhere(room, here, "latency", table);
    }
    for (const [i, phase] of phases.entries()) {
      if (phase.size === 0) continue;
      const run = () => this.#run(phase, round, tableOf);
      if (i === 0) {
        run();
        continue;
      }
      const pending = {
        run,
        timer: setTimeout(
          () => {
            this.#pending = this.#pending.filter((waiting) => waiting !== pending);
            run();
          },
          (i * intervalMs * SPREAD) / this.#phases,
        ),
      };
      pending.timer.unref();
      this.#pending.push(pending);
    }
  }

  /** Stops pinging. Safe to call twice. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    for (const { timer } of this.#pending.splice(0)) clearTimeout(timer);
    this.#stalls.stop();
  }

  #cadenceOf(socket: ClientSocket, round: number): PingCadence {
    if (socket.data.pingCadence) return socket.data.pingCadence;
    const { member } = socket.data;
    const kept = member && this.#options.tracker.pingEveryRoundsOf(member.id);
    socket.data.pingCadence = {
      phase: this.#nextPhase++ % this.#phases,
      everyRounds: kept ?? 1,
      nextRound: round,
    };
    return socket.data.pingCadence;
  }

  /** The round trips of `room`'s members here (`members`, if known), worked out once a round. */
  #tableOf(
    room: RoomName,
    tables: Map<RoomName, LatencyTable>,
    members?: ClientSocket[],
  ): LatencyTable {
    let table = tables.get(room);
    if (!table) {
      const ids = (members ?? this.#membersHere(room)).map((socket) => socket.data.member!.id);
      table = this.#options.tracker.table(ids);
      tables.set(room, table);
    }
    return table;
  }

  /** The sockets here that are members of `room` (not those still joining it). */
  #membersHere(room: RoomName): ClientSocket[] {
    const { sockets, adapter } = this.#options.io.of("/");
    const members: ClientSocket[] = [];
    for (const id of adapter.rooms.get(room) ?? []) {
      const socket = sockets.get(id);
      if (socket?.data.room === room && socket.data.member) members.push(socket);
    }
    return members;
  }

  #run(phase: Phase, round: number, tableOf: (room: RoomName) => LatencyTable): void {
    for (const [room, members] of phase) {
      const due = members.filter((socket) => (socket.data.pingCadence?.nextRound ?? 0) <= round);
      if (due.length === 0) continue;
      const table = tableOf(room);
      for (const socket of due) this.#ping(socket, table, round);
    }
  }

  #ping(socket: ClientSocket, table: LatencyTable, round: number): void {
    const { tracker, timeoutMs, intervalMs, onMeasured, onUnanswered } = this.#options;
    const member = socket.data.member;
    const cadence = socket.data.pingCadence;
    if (!member || !cadence || !socket.connected) return;
    // The gap to the next ping is decided now, and told to the client with the clock.
    const gapRounds = cadence.everyRounds;
    cadence.nextRound = Infinity;
    const sentAt = performance.now();
    const answered = (error: Error | null): Millis | undefined => {
      if (socket.data.member?.id !== member.id) return undefined;
      if (error) {
        cadence.everyRounds = 1;
        cadence.nextRound = round + 1;
        onUnanswered?.(socket);
        return undefined;
      }
      const rttMs = performance.now() - sentAt;
      const usual = tracker.rttOf(member.id);
      tracker.record(member.id, rttMs);
      onMeasured?.(rttMs);
      // A jump no longer than this process stood still meanwhile may be its own, not the
      // member's path: when the server is short of CPU every member's round trip jumps, and
      // pinging them all every round again would only take more of it.
      const allowedMs = Math.max(STEADY_MS, (usual ?? 0) * STEADY_SHARE) + this.#ownStallMs();
      const steady = usual !== undefined && Math.abs(rttMs - usual) <= allowedMs;
      cadence.everyRounds = steady ? Math.min(cadence.everyRounds * 2, this.#maxRounds) : 1;
      tracker.setPingEveryRounds(member.id, cadence.everyRounds);
      // A jump is looked at again next round, sooner than the client was told: never later.
      cadence.nextRound = round + (steady ? gapRounds : 1);
      return rttMs;
    };
    if (!socket.data.clockInPings) {
      socket.timeout(timeoutMs).emit("latencyPing", table, answered);
      return;
    }
    // The clock read as the ping leaves, and the last one's round trip: the client's
    // clock sample, without a request of its own.
    const ping: ClockPing = {
      latency: table,
      serverTime: Date.now(),
      nextInMs: gapRounds * intervalMs,
    };
    if (socket.data.lastClockPing) ping.previous = socket.data.lastClockPing;
    socket.data.lastClockPing = undefined;
    socket.timeout(timeoutMs).emit("clockPing", ping, (error: Error | null) => {
      const rttMs = answered(error);
      if (rttMs !== undefined) socket.data.lastClockPing = { serverTime: ping.serverTime, rttMs };
    });
  }
}
