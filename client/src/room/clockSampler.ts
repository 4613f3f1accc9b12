import type { ClockPing, Millis, ServerTime } from "@nicepiano/protocol";
import type { ClockSync, SampleVerdict } from "./clockSync";
import type { RoomRequests } from "./roomRequests";

/**
 * Clock samples come from two sources: the server's latency pings (each one makes the ping
 * before it a sample: no message of their own) and `clock` requests. Requests go in a
 * burst right after joining, when the page is busiest (samples decoding), and again after
 * a jump of the clocks (a laptop waking up, the server's clock stepped); otherwise only
 * when pings stop coming: each ping puts the next request off until after the next ping
 * is due, which it says. The server pings every 2 s at first and less often (up to every
 * 30 s) while the round trip holds steady, so samples back off as NTP's do. Without pings
 * (an older server), requests back off by themselves: every 2 s, the interval doubling
 * with each sample that agrees, up to 16 s. Steady samples keep the shared clock tight:
 * a 2 s interval (was 10 s) took the worst playback spread between two pages from 6–9 ms
 * to under 2 ms (`npm run bench:playback`).
 */
const SAMPLES_AT_START = 5;
export const CLOCK_SYNC_INTERVAL_MS = 2000;
export const CLOCK_SYNC_MAX_INTERVAL_MS = 16_000;
/** A ping later than announced by this much is taken as not coming: ask instead. */
const PING_GRACE_MS = 2000;
const SAMPLE_TIMEOUT_MS = 5000;

/** The last ping heard: the server's time in it, and ours as it arrived. */
interface HeardPing {
  serverTime: ServerTime;
  receivedAt: Millis;
}

/** Feeds the room clock with samples of the server's clock while a member is in a room. */
export class ClockSampler {
  readonly #requests: RoomRequests;
  readonly #clock: ClockSync;
  readonly #minIntervalMs: Millis;
  /** The wait before the next request while no ping comes. */
  #intervalMs: Millis;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastPing: HeardPing | undefined;
  /** Counts stops and bursts: requests under way stop at the next. */
  #generation = 0;
  #requested = 0;

  constructor(requests: RoomRequests, clock: ClockSync, intervalMs = CLOCK_SYNC_INTERVAL_MS) {
    this.#requests = requests;
    this.#clock = clock;
    this.#minIntervalMs = intervalMs;
    this.#intervalMs = intervalMs;
  }

  /** How many `clock` requests this sampler has sent. */
  get requested(): number {
    return this.#requested;
  }

  start(): void {
    this.stop();
    this.#burst();
  }

  stop(): void {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#lastPing = undefined;
  }

  /** A `clockPing` arrived at local time `receivedAt` (answer it first: it is timed). */
  heardPing(ping: ClockPing, receivedAt: Millis): void {
    const last = this.#lastPing;
    this.#lastPing = { serverTime: ping.serverTime, receivedAt };
    const previous = ping.previous;
    if (previous && last?.serverTime === previous.serverTime) {
      const verdict = this.#clock.addServerSample(
        previous.serverTime,
        previous.rttMs,
        last.receivedAt,
      );
      if (verdict === "jump") return this.#burst();
    }
    this.#schedule(ping.nextInMs + PING_GRACE_MS);
  }

  /** A request's sample was judged: back off while they agree, start over after a jump. */
  #requestedSample(verdict: SampleVerdict): void {
    if (verdict === "jump") return this.#burst();
    if (verdict === "agrees") {
      this.#intervalMs = Math.min(this.#intervalMs * 2, CLOCK_SYNC_MAX_INTERVAL_MS);
    }
    this.#schedule(this.#intervalMs);
  }

  #schedule(inMs: Millis): void {
    clearTimeout(this.#timer);
    const generation = this.#generation;
    this.#timer = setTimeout(() => {
      if (this.#generation === generation) this.#take(1);
    }, inMs);
  }

  /** Samples in a row, from the shortest interval again. */
  #burst(): void {
    this.#intervalMs = this.#minIntervalMs;
    this.#take(SAMPLES_AT_START);
  }

  /**
   * Takes `count` samples one after another; a lost answer only costs that sample. A
   * single sample is judged as it comes; a burst's are not (they are the start), and the
   * next request waits the shortest interval. Offline, the next try waits as long.
   */
  #take(count: number): void {
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    const take = async () => {
      let verdict: SampleVerdict = "refused";
      for (let i = 0; i < count && this.#requests.socket.connected; i++) {
        const sentAt = this.#clock.local();
        this.#requested++;
        const serverTime = await this.#requests.clock(SAMPLE_TIMEOUT_MS).catch(() => NaN);
        if (this.#generation !== generation) return;
        verdict = this.#clock.addSample(sentAt, serverTime, this.#clock.local());
      }
      if (count === 1) this.#requestedSample(verdict);
      else this.#schedule(this.#intervalMs);
    };
    void take();
  }
}
