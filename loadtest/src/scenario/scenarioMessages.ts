/**
 * What the scenario run tells its user processes and what they report, over Node's IPC
 * channel. Times are on CLOCK_MONOTONIC (`monotonicMs`), which every process here shares.
 */
import type { Mode } from "./scenarioOptions";
import type { PlannedUser } from "./scenarioPlan";

export interface UserAccount {
  token: string;
  /** Its saved recordings, for fetches. */
  recordingIds: string[];
}

export interface WorkerOrders {
  mode: Mode;
  /** Signaling URLs: each user takes `urls[index % urls.length]`. */
  urls: string[];
  users: (PlannedUser & { account: UserAccount })[];
  /** Monotonic ms at which second 0 of the plan starts. */
  startAt: number;
  eventEveryMs: number;
  noteShare: number;
  reconnectChance: number;
  seed: number;
}

/** What happened in one process during one second of the run. */
export interface SecondTick {
  type: "tick";
  /** Whole seconds since `startAt`. */
  second: number;
  /** Users whose socket is connected and in their room at the end of the second. */
  connected: number;
  notesSent: number;
  recordingRequests: number;
  /** One-way note latencies measured on arrival, ms. */
  noteLatencies: number[];
  recordingLatencies: number[];
  /** Connect to channels open with every member (p2p) or to the join answer (relay), ms. */
  joinTimes: number[];
  reconnects: number;
  /** Failures by kind, and the first message of each kind. */
  errors: Record<string, { count: number; example: string }>;
}

export type WorkerReport =
  /** Loaded (WebRTC and all): the run can be timed. */
  { type: "ready" } | SecondTick | { type: "done" } | { type: "failed"; message: string };
