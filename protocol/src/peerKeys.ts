import { z } from "./zod";
import type { PeerId } from "./units";

/** A client's secret for its member id: 16 random bytes, base64url. */
export type PeerKey = string;

export const peerKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, "A peer key is 22 to 64 base64url characters.");

/** A fresh key, from the platform's cryptographic random source (browsers and Node). */
export function newPeerKey(): PeerKey {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return base64url(bytes);
}

/**
 * The member id a key stands for: the first 96 bits of its SHA-256. Anyone can check a
 * claim (id from key), nobody can claim an id without its key, and no instance has to
 * remember anything.
 */
export async function peerIdOf(key: PeerKey): Promise<PeerId> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return base64url(new Uint8Array(digest).subarray(0, 12));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replaceAll("=", "");
}
