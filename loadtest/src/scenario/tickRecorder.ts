import type { SecondTick } from "./scenarioMessages";

/**
 * Collects what the users of one process do during a second; `take` hands it over as a
 * tick and starts the next second empty.
 */
export class TickRecorder {
  #current = TickRecorder.#empty();

  static #empty(): Omit<SecondTick, "type" | "second" | "connected"> {
    return {
      notesSent: 0,
      recordingRequests: 0,
      noteLatencies: [],
      recordingLatencies: [],
      joinTimes: [],
      reconnects: 0,
      errors: {},
    };
  }

  noteSent(): void {
    this.#current.notesSent++;
  }

  noteArrived(latencyMs: number): void {
    this.#current.noteLatencies.push(latencyMs);
  }

  recordingAnswered(latencyMs: number): void {
    this.#current.recordingRequests++;
    this.#current.recordingLatencies.push(latencyMs);
  }

  joined(ms: number): void {
    this.#current.joinTimes.push(ms);
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
    const tick: SecondTick = { type: "tick", second, connected, ...this.#current };
    this.#current = TickRecorder.#empty();
    return tick;
  }
}
