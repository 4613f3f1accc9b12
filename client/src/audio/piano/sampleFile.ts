import { fetchSample } from "./sampleCache";
import { attackLevelDb, shapeSample } from "./shapeSample";

/** A sample file fetched, decoded and shaped for the piano, with its attack's level (dBFS). */
export interface DecodedSample {
  buffer: AudioBuffer;
  levelDb: number;
}

export async function decodeSampleFile(
  context: BaseAudioContext,
  url: string,
  signal?: AbortSignal,
): Promise<DecodedSample> {
  const decoded = await context.decodeAudioData(await fetchSample(url, signal));
  const buffer = shapeSample(context, decoded);
  return { buffer, levelDb: attackLevelDb(buffer) };
}
