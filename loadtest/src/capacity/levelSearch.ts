export interface LevelSearchOptions {
  /** The first count tried. */
  from: number;
  /** Each count held is multiplied by this until one breaks. */
  factor: number;
  /** Stop narrowing once the gap between held and broken is at most this share of held. */
  resolution: number;
  /** Never try more than this. */
  max: number;
}

/**
 * Which count of musicians to try next: up by `factor` while each holds, then halving the
 * gap between the largest count held and the smallest that broke until it is within
 * `resolution`. Pure: the caller runs each count and says how it went.
 */
export class LevelSearch {
  readonly #options: LevelSearchOptions;
  /** The largest count that held, and the smallest that broke. */
  #held = 0;
  #broken: number | undefined;
  #next: number | null;

  constructor(options: LevelSearchOptions) {
    this.#options = options;
    this.#next = Math.min(options.from, options.max);
  }

  /** The count to try now; null when the search is over. */
  next(): number | null {
    return this.#next;
  }

  get held(): number {
    return this.#held;
  }

  get broken(): number | undefined {
    return this.#broken;
  }

  record(level: number, held: boolean): void {
    const { factor, resolution, max } = this.#options;
    if (held) this.#held = Math.max(this.#held, level);
    else this.#broken = Math.min(this.#broken ?? Infinity, level);
    const broken = this.#broken;
    if (broken === undefined) {
      this.#next = this.#held >= max ? null : Math.min(Math.ceil(this.#held * factor), max);
      return;
    }
    const middle = Math.round((this.#held + broken) / 2);
    const narrow = broken - this.#held <= Math.max(1, this.#held * resolution);
    this.#next = narrow || middle === this.#held || middle === broken ? null : middle;
  }
}
