import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The Salamander grand piano samples, served by NicePiano itself from npm packages: all 16
 * velocity layers (a listener loads 2, 8 or 16 of them), the key releases, the pedal and
 * the string harmonics.
 */
export const SAMPLE_PACKAGES = [
  ...Array.from({ length: 16 }, (_, i) => `@audio-samples/piano-mp3-velocity${i + 1}`),
  "@audio-samples/piano-mp3-release",
  "@audio-samples/piano-mp3-pedals",
  "@audio-samples/piano-mp3-harmonics",
] as const;

/**
 * Maps the file names the piano asks for to files on disk. The packages name sharps
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
