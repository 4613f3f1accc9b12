import { createHash } from "node:crypto";
import type { PeerId, PeerKey } from "@nicepiano/protocol";

/**
 * The member id `key` stands for: the protocol's `peerIdOf` (the first 96 bits of its
 * SHA-256), worked out at once. WebCrypto's digest goes through the thread pool and a
 * promise: every rejoin after a dropped connection paid for that (in a profile of a busy
 * instance, 13 % of its join handling).
 */
export function memberIdOf(key: PeerKey): PeerId {
  return createHash("sha256").update(key).digest().subarray(0, 12).toString("base64url");
}
