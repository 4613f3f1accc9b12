import { monitorEventLoopDelay } from "node:perf_hooks";
import type { SecondTick } from "../workers/workerProtocol";

type Counts = Omit<SecondTick, "second" | "connected" | "loopDelayP99Ms">;

/** A second in which nothing happened (tests build theirs from it). */
export function emptyTick(overrides: Partial<SecondTick> = {}): SecondTick {
  return { second: 0, connected: 0, loopDelayP99Ms: 0, ...emptyCounts(), ...overrides };
}

function emptyCounts(): Counts {
  return {
    notesSent: 0,
    quietNotes: 0,
    recordingRequests: 0,
    recordingsFromCache: 0,
    noteLatencies: [],
    recordingLatencies: [],
    joinTimes: [],
    joinAcks: [],
    pings: 0,
    latePings: 0,
    reconnects: 0,
    errors: {},
  };
}

/** How often the event loop is sampled; each sample counts this interval in, ms. */
const LOOP_SAMPLE_MS = 10;

/**
 * Collects what the users of one process do during a second; `take` hands it over as a
 * tick and starts the next second empty. It also watches the process's own event loop:
 * a load tester that falls behind measures itself.
 */
export class TickRecorder {
  #current = emptyCounts();
  readonly #loop = monitorEventLoopDelay({ resolution: LOOP_SAMPLE_MS });

  constructor() {
    this.#loop.enable();
  }

  noteSent(): void {
    this.#current.notesSent++;
  }

  /** A note played by a user whose notes pass no server and are not measured. */
  quietNote(): void {
    this.#current.quietNotes++;
  }

  noteArrived(latencyMs: number): void {
    this.#current.noteLatencies.push(latencyMs);
  }

  recordingAnswered(latencyMs: number, fromCache: boolean): void {
    this.#current.recordingRequests++;
    if (fromCache) this.#current.recordingsFromCache++;
    this.#current.recordingLatencies.push(latencyMs);
  }

  /** A list shown from the user's own copy, known current: asked of nobody, not timed. */
  recordingListKept(): void {
    this.#current.recordingRequests++;
    this.#current.recordingsFromCache++;
  }

  joined(ms: number): void {
    this.#current.joinTimes.push(ms);
  }

  joinAcknowledged(ms: number): void {
    this.#current.joinAcks.push(ms);
  }

  pinged(late: boolean): void {
    this.#current.pings++;
    if (late) this.#current.latePings++;
  }

  reconnected(): void {
    this.#current.reconnects++;
  }

  /** A failure of `kind` ("join", "channels", "recording"…); the first message is kept. */
  failed(kind: string, error: unknown): void {
    const entry = (this.#current.errors[kind] ??= { count: 0, example: String(error) });
    entry.count++;
  }

  take(second: number, connected: number): SecondTick {
    // The histogram's nanoseconds, each sample the interval and the delay beyond it.
    const loopDelayP99Ms =
      this.#loop.count > 0 ? Math.max(0, this.#loop.percentile(99) / 1e6 - LOOP_SAMPLE_MS) : 0;
    this.#loop.reset();
    const tick: SecondTick = { second, connected, loopDelayP99Ms, ...this.#current };
    this.#current = emptyCounts();
    return tick;
  }

  /** Stops watching the event loop. */
  stop(): void {
    this.#loop.disable();
  }
}
