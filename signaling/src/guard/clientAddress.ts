/**
 * The client's address as the server should count it: the peer's own, or, behind
 * `proxyHops` trusted proxies (haproxy sets `X-Forwarded-For`), the one the outermost
 * trusted proxy saw. Entries to the left of that are whatever the client wrote: ignored.
 * Same rule as Express's numeric `trust proxy`.
 */
export function clientAddress(
  remote: string,
  forwardedFor: string | string[] | undefined,
  proxyHops: number,
): string {
  if (proxyHops === 0 || !forwardedFor) return remote;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, remote];
  return chain[Math.max(0, chain.length - 1 - proxyHops)]!;
}
