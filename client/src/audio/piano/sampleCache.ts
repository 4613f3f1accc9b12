import { MAX_SAMPLE_SECONDS } from "./shapeSample";

/** Where the samples this browser has fetched are kept (Cache Storage, shared with the worker). */
export const SAMPLE_CACHE = "nicepiano-samples";

/**
 * The bytes of a sample that hold its first `MAX_SAMPLE_SECONDS`: the files are MP3 at
 * 128 kbit/s (16 kB a second) after a short tag, and a decoder takes a file cut anywhere.
 * The rest of a long bass sample is never played, so it is neither fetched nor decoded.
 */
export const SAMPLE_BYTES = MAX_SAMPLE_SECONDS * 16_000 + 4096;

/**
 * A sample file, as much of it as the piano plays: from this browser's cache, or else
 * from the server (and then kept). The page reads the cache itself rather than through the
 * service worker: a second visit's first sound is then a disk read away, not a worker's
 * start and a hop through it.
 */
export async function fetchSample(url: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const cache = await openCache();
  const cached = await cache?.match(url);
  if (cached) return cached.arrayBuffer();
  const response = await fetch(url, { signal, headers: { Range: `bytes=0-${SAMPLE_BYTES - 1}` } });
  if (!response.ok) throw new Error(`${url.split("/").pop()}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  // A partial answer (206) cannot be kept as it came: kept whole, it is what this page plays.
  const kept = new Response(bytes.slice(0), { headers: { "content-type": "audio/mpeg" } });
  if (cache) void cache.put(url, kept).catch(() => {});
  return bytes;
}

/** Undefined where there is no Cache Storage (an insecure origin, a private window's refusal). */
async function openCache(): Promise<Cache | undefined> {
  try {
    return await globalThis.caches?.open(SAMPLE_CACHE);
  } catch {
    return undefined;
  }
}
