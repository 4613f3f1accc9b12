import type { IceServer, ServerTime } from "@nicepiano/protocol";
import type { RoomRequests } from "./roomRequests";

const RENEWAL_TIMEOUT_MS = 5000;

/**
 * The ICE servers new peer connections get, kept fresh: TURN credentials expire, so
 * they are asked for again halfway to their expiry (and again halfway to what is left,
 * should that fail).
 */
export class IceServerKeeper {
  current: IceServer[] = [];
  readonly #requests: RoomRequests;
  readonly #now: () => ServerTime;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Counts uses and stops: a renewal answered after either is not used. */
  #generation = 0;

  /** `now` is the room's clock, the one expiries are on. */
  constructor(requests: RoomRequests, now: () => ServerTime) {
    this.#requests = requests;
    this.#now = now;
  }

  use(iceServers: IceServer[], expiresAt: ServerTime | null): void {
    this.current = iceServers;
    this.stop();
    if (expiresAt === null) return;
    const generation = this.#generation;
    const renewIn = Math.max(1000, (expiresAt - this.#now()) / 2);
    this.#timer = setTimeout(() => {
      this.#requests.iceServers(RENEWAL_TIMEOUT_MS).then(
        (fresh) => {
          if (generation === this.#generation) this.use(fresh.iceServers, fresh.expiresAt);
        },
        () => {
          if (generation === this.#generation) this.use(this.current, expiresAt);
        },
      );
    }, renewIn);
  }

  stop(): void {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
