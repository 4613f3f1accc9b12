/**
 * What a benchmark sends to its peer processes and what they answer, over Node's IPC
 * channel. Each virtual musician runs in a process of its own, as each real one runs in a
 * browser of its own: one process holding many `@roamhq/wrtc` connections serialises them
 * on one set of WebRTC threads, and its figures would say more about that than about us.
 */
import type { ConnectionKind } from "@nicepiano/client/mesh";
import type { NoteTransportKind } from "@nicepiano/client/notes";

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
      /** How notes cross the channels (the client's default when not given). */
      transport?: NoteTransportKind;
      /** Reach the others through the TURN relay only (the lossy lab's jitter). */
      relayOnly?: boolean;
    }
  | { type: "paths" }
  | { type: "send"; count: number; intervalMs: number }
  | PlayCommand
  | { type: "held" }
  | { type: "bytes" }
  | { type: "onsets" }
  | { type: "collect" }
  | { type: "leave" };

export type BenchReport =
  | { type: "joined"; ms: number }
  | { type: "sent" }
  /**
   * The delays of the note-ons played, and how many more came but were not played: later
   * than the receiver's LATE_NOTE_MS (as a stall of this machine makes them).
   */
  | { type: "latencies"; values: number[]; late: number }
  | { type: "paths"; kinds: ConnectionKind[] }
  | { type: "played"; notes: number }
  | { type: "held"; held: HeldBy }
  | { type: "bytes"; sent: number }
  | { type: "onsets"; onsets: Onset[] }
  | { type: "left" }
  | { type: "error"; message: string };

/**
 * Plays the lossy benchmark's pattern (see notePattern.ts): a note every `intervalMs`,
 * each let go at the next, every 8th a chord, the pedal down and up every second; then
 * holds exactly `hold` (keys and pedal), or nothing.
 */
export interface PlayCommand {
  type: "play";
  notes: number;
  intervalMs: number;
  /** The lowest key this player plays. */
  base: number;
  hold?: Held;
}

export interface Held {
  keys: number[];
  pedal: boolean;
}

/** What a piano holds, by player name. */
export type HeldBy = Record<string, Held>;

/** One note-on as heard: played at `t`, sounding at `immediate` or `steady` (all ms). */
export interface Onset {
  player: string;
  t: number;
  immediate: number;
  steady: number;
}

/**
 * Milliseconds on CLOCK_MONOTONIC, which every process on this machine shares: a note
 * stamped with it in one process is timed exactly on arrival in another.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
