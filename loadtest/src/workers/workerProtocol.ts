/**
 * What the load test's coordinator and its user workers say to each other, over Socket.IO
 * (workers on this machine and on others alike). Times are in ms on the coordinator's
 * monotonic clock, which each worker estimates (`WorkerClock`).
 */
import type { Handshake } from "../users/signalingOnlyPeer";

/**
 * How a virtual user plays: `webrtc` is NicePiano's client on Node's WebRTC stack, its
 * notes on real data channels; `signaling` is NicePiano's client whose peer connections
 * only signal (its notes, like a real player's, go nowhere the server sees); `relay` is a
 * member of the original design, its notes sent to the server, which hands them to the room.
 */
export type UserKind = "webrtc" | "signaling" | "relay";

export interface UserAccount {
  token: string;
  /** Its saved recordings, for fetches. */
  recordingIds: string[];
}

export interface AssignedUser {
  index: number;
  name: string;
  room: string;
  kind: UserKind;
  /** When it connects, and leaves (null: at the end of the run), in s from the run's start. */
  joinAt: number;
  leaveAt: number | null;
  account: UserAccount;
}

/** What every user of a run shares. */
export interface WorkerRun {
  /** Signaling URLs: each user takes `urls[index % urls.length]`. */
  urls: string[];
  /** A certificate to trust (the balancer's, made for the run). */
  ca?: string;
  /** Coordinator ms at which second 0 of the run starts. */
  startAt: number;
  eventEveryMs: number;
  /** Share of events that are notes; the rest list or fetch a recording. */
  noteShare: number;
  /** Chance each second that a user's connection drops (it reconnects at once). */
  reconnectChance: number;
  seed: number;
  /** What `signaling` users' peer connections send. */
  handshake: Handshake;
  /**
   * A latency ping arriving more than this after it was due is late: after the time the
   * ping before said (`nextInMs`), or one ping interval for pings that say nothing.
   */
  latePingSlackMs: number;
}

export type ErrorTally = Record<string, { count: number; example: string }>;

/** What happened in one worker during one second of the run. */
export interface SecondTick {
  /** Whole seconds since `startAt`. */
  second: number;
  /** Users whose socket is connected and in their room at the end of the second. */
  connected: number;
  /** Notes sent on a path where they are measured (data channels, the relay). */
  notesSent: number;
  /** Notes `signaling` users played: peer to peer, they would pass no server. */
  quietNotes: number;
  recordingRequests: number;
  /**
   * Of those, answered without asking the server: from the user's own HTTP cache, or a
   * list from the user's copy, known current (as a page's: told of each change).
   */
  recordingsFromCache: number;
  /** One-way note latencies measured on arrival, ms. */
  noteLatencies: number[];
  recordingLatencies: number[];
  /** Connect to channels open with every member (p2p) or to the join answer (relay), ms. */
  joinTimes: number[];
  /** The server's answers to joins and rejoins, ms from asking. */
  joinAcks: number[];
  /** Latency pings heard, and of those, late (see `latePingSlackMs`). */
  pings: number;
  latePings: number;
  reconnects: number;
  /** This worker's own event loop delay over the second, ms: is the load tester keeping up? */
  loopDelayP99Ms: number;
  errors: ErrorTally;
}

export interface CoordinatorToWorker {
  run: (run: WorkerRun) => void;
  /** Users to play, now or at their `joinAt`. */
  users: (users: AssignedUser[]) => void;
  /** These users (by index) leave now; a worker without them does nothing. */
  leave: (indexes: number[]) => void;
  /** Every user leaves; the worker reports its last tick, says `done` and exits. */
  end: () => void;
}

export interface WorkerToCoordinator {
  /** The coordinator's clock now: samples for the worker's estimate of it. */
  time: (ack: (coordinatorMs: number) => void) => void;
  /** Loaded and its clock in step: the run can be timed. */
  ready: () => void;
  tick: (tick: SecondTick) => void;
  /** Its users have all left, or the run ended. */
  done: () => void;
  failed: (message: string) => void;
}
