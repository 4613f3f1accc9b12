import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The Salamander grand piano samples, served by NicePiano itself from npm packages.
 * Velocity layers 6 and 12 match `@tonejs/piano` with `velocities: 2`.
 */
export const SAMPLE_PACKAGES = [
  "@audio-samples/piano-mp3-velocity6",
  "@audio-samples/piano-mp3-velocity12",
  "@audio-samples/piano-mp3-release",
  "@audio-samples/piano-mp3-pedals",
  "@audio-samples/piano-mp3-harmonics",
] as const;

/**
 * Maps the file names `@tonejs/piano` asks for to files on disk. The packages name sharps
 * with `#` in places (`harmSD#1.mp3`) where the piano asks with `s` (`harmSDs1.mp3`).
 */
export type SampleCatalog = ReadonlyMap<string, string>;

export function requestedSampleName(fileName: string): string {
  return fileName.replaceAll("#", "s");
}

export function buildSampleCatalog(packages: readonly string[] = SAMPLE_PACKAGES): SampleCatalog {
  const require = createRequire(import.meta.url);
  const catalog = new Map<string, string>();
  for (const name of packages) {
    const audioDir = join(dirname(require.resolve(`${name}/package.json`)), "audio");
    for (const file of readdirSync(audioDir)) {
      catalog.set(requestedSampleName(file), join(audioDir, file));
    }
  }
  return catalog;
}
