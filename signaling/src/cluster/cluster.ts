import type { ServerToClientEvents } from "@nicepiano/protocol";
import type { RemoteSocket } from "socket.io";
import type { InstanceRoster, InterServerEvents, SharedRoomRecord, SocketData } from "../types";

/** The events one instance tells the others (the questions go by `ask…`). */
export type ToldEvent = Exclude<keyof InterServerEvents, "roomSettingsOf" | "rosterOf">;

/** A socket on this instance or another one, as the cluster sees it. */
export type ClusterSocket = RemoteSocket<ServerToClientEvents, SocketData>;

/**
 * How this instance reaches the others, like one of Socket.IO's adapters: rooms,
 * listeners, controls and playbacks talk only to this. `LocalCluster` is an instance on
 * its own; `RedisCluster` joins the instances sharing a Redis. Both pass one contract
 * suite (`signaling/test/clusterContract.int.test.ts`).
 */
export interface Cluster {
  /** "standalone": nobody else to tell; "redis": other instances may exist. */
  readonly kind: "standalone" | "redis";
  /** Whether the other instances can be reached now (always, when there are none). */
  readonly connected: boolean;
  /**
   * How many times the link to the others was cut so far: what was told meanwhile is
   * lost, so what was heard before may be out of date.
   */
  readonly cuts: number;
  /**
   * Tells every other instance; false when nobody can be told (standalone, or Redis is
   * away: then nothing is kept to be told later), so the caller can answer "not here".
   */
  tell<E extends ToldEvent>(event: E, ...args: Parameters<InterServerEvents[E]>): boolean;
  /** Calls `listener` each time another instance tells `event` (never, standalone). */
  hear<E extends keyof InterServerEvents>(event: E, listener: InterServerEvents[E]): void;
  /**
   * Every other instance's record of `room` (none standalone, or while Redis is away);
   * null when some instance did not answer in time: whether one has it is not known.
   */
  askRoomRecords(room: string): Promise<(SharedRoomRecord | null)[] | null>;
  /**
   * Every other instance's members (none standalone, or while Redis is away); null when
   * some instance did not answer in time.
   */
  askRosters(): Promise<InstanceRoster[] | null>;
  /** The sockets in `room` on every instance reachable now (this one at least). */
  socketsIn(room: string): Promise<ClusterSocket[]>;
  /** Sends to `room`'s sockets on the other instances only (those not in `here`). */
  emitElsewhere<E extends keyof ServerToClientEvents>(
    room: string,
    here: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void;
  close(): Promise<void>;
}
