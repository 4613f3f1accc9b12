/**
 * What a benchmark sends to its peer processes and what they answer, over Node's IPC
 * channel. Each virtual musician runs in a process of its own, as each real one runs in a
 * browser of its own: one process holding many `@roamhq/wrtc` connections serialises them
 * on one set of WebRTC threads, and its figures would say more about that than about us.
 */
import type { ConnectionKind } from "@nicepiano/client/mesh";

export type Path = "p2p" | "relay";

export type BenchCommand =
  | {
      type: "join";
      path: Path;
      url: string;
      room: string;
      name: string;
      expectPeers: number;
      /** Wait for open channels (default), or only for the members (fallback path). */
      waitFor?: "channels" | "members";
    }
  | { type: "paths" }
  | { type: "send"; count: number; intervalMs: number }
  | { type: "collect" }
  | { type: "leave" };

export type BenchReport =
  | { type: "joined"; ms: number }
  | { type: "sent" }
  | { type: "latencies"; values: number[] }
  | { type: "paths"; kinds: ConnectionKind[] }
  | { type: "left" }
  | { type: "error"; message: string };

/**
 * Milliseconds on CLOCK_MONOTONIC, which every process on this machine shares: a note
 * stamped with it in one process is timed exactly on arrival in another.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
