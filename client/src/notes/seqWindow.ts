/** How far back a repeated message is still recognised. */
const WINDOW = 4096;

/**
 * The sequence numbers received from one peer, to take each message once though it may
 * come twice (over the data channel and through the server, around a switch) and out of
 * order. Numbers older than the window are taken as already seen. One flag per number
 * in a ring: each arrival costs the same, however many are kept.
 */
export class SeqWindow {
  #highest = -1;
  readonly #seen = new Uint8Array(WINDOW);

  /** True the first time `seq` arrives; false for a repeat. */
  accept(seq: number): boolean {
    if (seq <= this.#highest - WINDOW) return false;
    if (seq > this.#highest) this.#advance(seq);
    const slot = seq % WINDOW;
    if (this.#seen[slot]) return false;
    this.#seen[slot] = 1;
    return true;
  }

  /** `seq` is the newest now: the slots of the numbers up to it are free again. */
  #advance(seq: number): void {
    const from = (this.#highest + 1) % WINDOW;
    const to = (seq % WINDOW) + 1;
    if (seq - this.#highest >= WINDOW) this.#seen.fill(0);
    else if (from < to) this.#seen.fill(0, from, to);
    else {
      // The freed slots wrap around the end of the ring.
      this.#seen.fill(0, from);
      this.#seen.fill(0, 0, to);
    }
    this.#highest = seq;
  }
}
