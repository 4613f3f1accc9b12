import pLimit from "p-limit";
import { FIRST_SAMPLES, planSamples, type SampleJob } from "./loadPlan";
import { LAYER_ORDER, type PianoQuality } from "./pianoQuality";
import type { SampleBank } from "./sampleBank";
import { decodeSampleFile } from "./sampleFile";
import { takePrefetched } from "./samplePrefetch";
import { bufferBytes } from "./shapeSample";

/** What the piano has so far, for the page to show. */
export interface PianoProgress {
  quality: PianoQuality;
  /** Files of the quality's plan that have arrived, and how many it has. */
  loaded: number;
  total: number;
  /** Of the first samples (the middle register of the first layer), how many are in. */
  firstLoaded: number;
  /** All of them: the piano plays. */
  playable: boolean;
  /** Layers with every key, of the quality's. */
  layersComplete: number;
  layersWanted: number;
  /** Memory the decoded samples hold (bytes). */
  decodedBytes: number;
}

export interface SampleLoaderOptions {
  /** Where the files are (`/samples/`). */
  baseUrl: string;
  /** Downloads at once: the browser opens six connections per server and the API keeps two. */
  concurrency?: number;
}

/**
 * Fetches and decodes the samples of a quality into the bank, in the plan's order, a few at
 * a time. Asked for another quality, it drops what is queued, keeps what has arrived (and
 * lets go of layers the new quality does not have) and goes on with what is missing.
 */
export class SampleLoader {
  readonly #context: BaseAudioContext;
  readonly #bank: SampleBank<AudioBuffer>;
  readonly #baseUrl: string;
  readonly #limit: ReturnType<typeof pLimit>;
  readonly #arrived = new Map<string, number>(); // file -> decoded bytes
  readonly #abort = new AbortController();
  #quality: PianoQuality | undefined;

  constructor(
    context: BaseAudioContext,
    bank: SampleBank<AudioBuffer>,
    options: SampleLoaderOptions,
  ) {
    this.#context = context;
    this.#bank = bank;
    this.#baseUrl = options.baseUrl;
    this.#limit = pLimit(options.concurrency ?? 4);
  }

  /**
   * Loads `quality`, calling `onProgress` as files arrive; resolves when all have (or when
   * another quality is asked for), rejects if a file cannot be had.
   */
  async load(quality: PianoQuality, onProgress: (progress: PianoProgress) => void): Promise<void> {
    this.#quality = quality;
    this.#limit.clearQueue();
    this.#bank.keepLayers(LAYER_ORDER[quality], quality === "concert");
    for (const file of this.#arrived.keys())
      if (!this.#bank.hasFile(file)) this.#arrived.delete(file);
    const plan = planSamples(quality);
    const report = () => onProgress(this.#progress(quality, plan));
    report();
    const missing = plan.filter((job) => !this.#arrived.has(job.file));
    await Promise.all(
      missing.map((job) =>
        this.#limit(async () => {
          if (this.#quality !== quality || this.#abort.signal.aborted) return;
          // Once the piano plays, the rest comes two files at a time, in the page's idle
          // moments: playing and the page's own work come first.
          if (plan.indexOf(job) >= FIRST_SAMPLES) {
            this.#limit.concurrency = 2;
            await idle();
          }
          await this.#fetch(job);
          if (this.#quality === quality) report();
        }),
      ),
    );
  }

  /** Stops every download. */
  dispose(): void {
    this.#abort.abort();
    this.#limit.clearQueue();
  }

  async #fetch(job: SampleJob): Promise<void> {
    const url = `${this.#baseUrl}${job.file}`;
    const { buffer, levelDb } = await (takePrefetched(job.file) ??
      decodeSampleFile(this.#context, url, this.#abort.signal));
    this.#arrived.set(job.file, bufferBytes(buffer));
    switch (job.kind) {
      case "note":
        return this.#bank.add(job.layer, job.note, { buffer, levelDb }, job.file);
      case "release":
        return this.#bank.addExtra(`release:${job.note}`, buffer, job.file);
      case "harmonic":
        return this.#bank.addExtra(
          `harmonic:${job.loud ? "loud" : "soft"}:${job.note}`,
          buffer,
          job.file,
        );
      case "pedal":
        return this.#bank.addExtra(`pedal:${job.down ? "down" : "up"}`, buffer, job.file);
    }
  }

  #progress(quality: PianoQuality, plan: SampleJob[]): PianoProgress {
    const loaded = plan.filter((job) => this.#arrived.has(job.file)).length;
    const first = plan.slice(0, FIRST_SAMPLES);
    const firstLoaded = first.filter((job) => this.#arrived.has(job.file)).length;
    const layers = LAYER_ORDER[quality];
    return {
      quality,
      loaded,
      total: plan.length,
      firstLoaded,
      playable: firstLoaded === FIRST_SAMPLES,
      layersComplete: layers.filter((layer) => this.#bank.size(layer) === 30).length,
      layersWanted: layers.length,
      decodedBytes: [...this.#arrived.values()].reduce((sum, bytes) => sum + bytes, 0),
    };
  }
}

/** Resolves when the page's main thread is idle (or after a second at most). */
function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function")
      requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, 0);
  });
}
