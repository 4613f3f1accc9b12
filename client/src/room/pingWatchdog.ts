import { LATENCY_PING_TIMEOUT_MS, type Millis } from "@nicepiano/protocol";

/**
 * Notices a connection that died without a word (the network under it went away, a NAT
 * forgot it): each of the server's clock pings says when the next comes, and when none
 * has come `LATENCY_PING_TIMEOUT_MS` after that, `onSilence` is called, to drop the
 * connection so that Socket.IO reconnects and the session rejoins as itself. (Engine.IO's
 * own heartbeat would notice too, but only after 45 s: the server relies on these pings.)
 * Armed by the first ping only: a server that sends none is never taken for dead.
 */
export class PingWatchdog {
  readonly #onSilence: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(onSilence: () => void) {
    this.#onSilence = onSilence;
  }

  /** A ping came, saying the next comes in `nextInMs`. */
  heard(nextInMs: Millis): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#onSilence();
    }, nextInMs + LATENCY_PING_TIMEOUT_MS);
  }

  /** No ping is expected (the connection dropped, or the room was left). Safe to call twice. */
  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
