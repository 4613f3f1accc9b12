import type { NoteTransportKind } from "@nicepiano/client/notes";
import type { BenchPeer } from "./bench/benchPeerPool";
import type { Held, HeldBy, Onset } from "./bench/benchPeerMessages";
import type { LossyLabServices } from "./lossyLabServices";

/** One round in the lossy lab: the players join a room, play at once, and leave. */
export interface LossyRound {
  room: string;
  transport: NoteTransportKind;
  /** Share of UDP packets dropped while they play (0–1). */
  loss: number;
  /** Through the TURN relay only, so through the lab's jitter forwarder. */
  relayOnly: boolean;
  /** Steps each player plays (a note or a chord each), `intervalMs` apart. */
  notes: number;
  intervalMs: number;
  /** What player `i` holds at the end (nothing by default). */
  hold?: (i: number) => Held;
}

export interface LossyResult {
  /** Note-ons each player sent. */
  sent: number[];
  /** Each note-on's delay, every receiver's together (ms). */
  latencies: number[];
  /** Note-ons that should have been heard: each player's, by every other player. */
  expected: number;
  /** What each player's piano holds at the end, by who holds it. */
  held: HeldBy[];
  /** Wire bytes all players sent while playing. */
  bytes: number;
  onsets: Onset[][];
}

/**
 * How far each interval between a player's consecutive notes, as heard in `mode`, is from
 * the interval as played (ms, absolute), for every player in `heard` (one listener's).
 */
export function spacingErrors(heard: Onset[], mode: "immediate" | "steady"): number[] {
  const errors: number[] = [];
  for (const player of new Set(heard.map((onset) => onset.player))) {
    const notes = heard.filter((o) => o.player === player).sort((a, b) => a.t - b.t);
    for (let i = 1; i < notes.length; i++) {
      const played = notes[i]!.t - notes[i - 1]!.t;
      errors.push(Math.abs(notes[i]![mode] - notes[i - 1]![mode] - played));
    }
  }
  return errors;
}

/** How long the last notes get to land, and lost ones to be repaired, after playing. */
const SETTLE_MS = 2000;

/**
 * Plays one round: `players` (processes in the lab's namespace) join one after another,
 * the loss starts once every channel is open (a room is joined on the network it then
 * plays on, but joining is measured elsewhere), each plays its pattern, and after a
 * short settle everything is collected with the loss off again.
 */
export async function playRound(
  lab: LossyLabServices,
  players: BenchPeer[],
  round: LossyRound,
): Promise<LossyResult> {
  const { room, transport, relayOnly, notes, intervalMs } = round;
  for (const [i, player] of players.entries()) {
    await player.request(
      {
        ...{ type: "join", path: "p2p", url: lab.server.url, room, name: `player-${i}` },
        ...{ expectPeers: i, transport, relayOnly },
      },
      "joined",
    );
  }
  // The last one's channels are open at its end: give the other ends a moment.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const bytesBefore = await totalBytes(players);
  lab.lab.setLoss(round.loss);
  let sent: number[];
  try {
    const played = await Promise.all(
      players.map((player, i) =>
        player.request(
          {
            type: "play",
            notes,
            intervalMs,
            base: 36 + 14 * i,
            ...(round.hold ? { hold: round.hold(i) } : {}),
          },
          "played",
          notes * intervalMs * 4 + 30_000,
        ),
      ),
    );
    sent = played.map((report) => report.notes);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  } finally {
    lab.lab.setLoss(0);
  }
  const bytes = (await totalBytes(players)) - bytesBefore;
  const latencies: number[] = [];
  const held: HeldBy[] = [];
  const onsets: Onset[][] = [];
  for (const player of players) {
    latencies.push(...(await player.request({ type: "collect" }, "latencies")).values);
    held.push((await player.request({ type: "held" }, "held")).held);
    onsets.push((await player.request({ type: "onsets" }, "onsets")).onsets);
  }
  await Promise.all(players.map((player) => player.request({ type: "leave" }, "left")));
  const total = sent.reduce((sum, n) => sum + n, 0);
  return { sent, latencies, expected: total * (players.length - 1), held, bytes, onsets };
}

async function totalBytes(players: BenchPeer[]): Promise<number> {
  const reports = await Promise.all(players.map((p) => p.request({ type: "bytes" }, "bytes")));
  return reports.reduce((sum, report) => sum + report.sent, 0);
}
