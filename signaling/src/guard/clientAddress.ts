import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/**
 * The client's address as the server should count it: the peer's own, or, behind
 * `proxyHops` trusted proxies (haproxy sets `X-Forwarded-For`), the one the outermost
 * trusted proxy saw; entries to the left of that are whatever the client wrote. Express's
 * numeric `trust proxy` rule, through Express's own `proxy-addr`, so the API's `req.ip`
 * and Socket.IO agree.
 */
export function clientAddress(req: IncomingMessage, proxyHops: number): string {
  return proxyAddr(req, (_address, hop) => hop < proxyHops);
}
