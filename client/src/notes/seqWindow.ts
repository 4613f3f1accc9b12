/** How far back a repeated message is still recognised. */
const WINDOW = 4096;

/**
 * The sequence numbers received from one peer, to take each message once though it may
 * come twice (over the data channel and through the server, around a switch) and out of
 * order. Numbers older than the window are taken as already seen.
 */
export class SeqWindow {
  #highest = -1;
  readonly #seen = new Set<number>();

  /** True the first time `seq` arrives; false for a repeat. */
  accept(seq: number): boolean {
    if (seq <= this.#highest - WINDOW || this.#seen.has(seq)) return false;
    this.#seen.add(seq);
    if (seq > this.#highest) {
      this.#highest = seq;
      for (const old of this.#seen) if (old <= seq - WINDOW) this.#seen.delete(old);
    }
    return true;
  }
}
