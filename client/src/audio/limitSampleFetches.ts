import pLimit from "p-limit";

/**
 * Lets at most `max` downloads under `prefix` run at once, until the returned function is
 * called. Browsers open six HTTP/1.1 connections per server; the piano asks for ~175
 * samples at once and would hold all six, so a sign-in or a save would wait seconds for
 * them. Tone.js fetches samples with the global `fetch`, which is why it is wrapped here.
 */
export function limitSampleFetches(prefix: string, max: number): () => void {
  const original = globalThis.fetch;
  const limit = pLimit(max);
  const limited: typeof fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    return url.includes(prefix) ? limit(() => original(input, init)) : original(input, init);
  };
  globalThis.fetch = limited;
  return () => {
    if (globalThis.fetch === limited) globalThis.fetch = original;
  };
}
