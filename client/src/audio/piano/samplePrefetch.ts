import { pageAudioContext } from "../audioContext";
import { FIRST_SAMPLES, planSamples } from "./loadPlan";
import type { PianoQuality } from "./pianoQuality";
import { decodeSampleFile, type DecodedSample } from "./sampleFile";

/** The first samples, fetched and decoded before the room's code has arrived. */
const started = new Map<string, Promise<DecodedSample>>();

/**
 * Starts fetching and decoding the first samples of `quality` (the middle register of its
 * first layer) as soon as the page knows it is a room, while the room's code is on its way.
 */
export function prefetchFirstSamples(baseUrl: string, quality: PianoQuality): void {
  const context = pageAudioContext();
  // One first, alone on the decoder: a single sample makes every key sound (retuned).
  let first: Promise<unknown> | undefined;
  for (const job of planSamples(quality).slice(0, FIRST_SAMPLES)) {
    if (started.has(job.file)) continue;
    const url = `${baseUrl}${job.file}`;
    const decoding = first
      ? first.catch(() => {}).then(() => decodeSampleFile(context, url))
      : decodeSampleFile(context, url);
    first ??= decoding;
    decoding.catch(() => {}); // the loader that takes it hears of a failure
    started.set(job.file, decoding);
  }
}

/** The decoding started for `file`, handed over once; undefined if none was. */
export function takePrefetched(file: string): Promise<DecodedSample> | undefined {
  const decoding = started.get(file);
  started.delete(file);
  return decoding;
}
