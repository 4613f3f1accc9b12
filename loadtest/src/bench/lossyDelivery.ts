/**
 * Notes on the networks players have: the first design's reliable, ordered channel
 * against the loss-proof transport, the same notes in one run, in the lossy lab (a
 * network namespace whose incoming UDP packets iptables drops at random, and coturn
 * behind a forwarder that delays each packet by a random 0–30 ms). Three players, each
 * in a process of its own, play 10 notes a second each (a note every 100 ms, let go at
 * the next, a chord every 8th, the pedal down and up every 2 s) at 0, 1, 2, 5 and 10 %
 * loss, and with jitter (every packet through TURN). For each: notes heard, delay from
 * the player's event to the listener (p50, p99, max), keys and pedals left held at the
 * end, and wire bytes sent per note per listener (the connections' transport statistics,
 * every side). With jitter, the spacing of each player's notes as heard in immediate and
 * steady timing (client/src/audio/remoteTiming.ts) against how they were played.
 *
 *   npm run bench:lossy [-- --notes 150]
 */
import { parseArgs } from "node:util";
import type { NoteTransportKind } from "@nicepiano/client/notes";
import { BenchPeer } from "./benchPeerPool";
import type { HeldBy } from "./benchPeerMessages";
import { startLossyLab } from "../lossyLabServices";
import { playRound, spacingErrors, type LossyResult } from "../lossyRoom";
import { percentile, summarize } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({ options: { notes: { type: "string", default: "150" } } });
const NOTES = Number(values.notes);
const INTERVAL_MS = 100;
const PLAYERS = 3;
const JITTER_MS = 30;
const TRANSPORTS: NoteTransportKind[] = ["reliable", "loss-proof"];
const NETWORKS = [
  { name: "0 % loss", loss: 0, relayOnly: false },
  { name: "1 % loss", loss: 0.01, relayOnly: false },
  { name: "2 % loss", loss: 0.02, relayOnly: false },
  { name: "5 % loss", loss: 0.05, relayOnly: false },
  { name: "10 % loss", loss: 0.1, relayOnly: false },
  { name: `${JITTER_MS} ms jitter`, loss: 0, relayOnly: true },
];

/** Keys and pedals some piano still holds at the end (nobody holds anything then). */
function stuck(held: HeldBy[]): number {
  return held
    .flatMap((piano) => Object.values(piano))
    .reduce((sum, { keys, pedal }) => sum + keys.length + (pedal ? 1 : 0), 0);
}

const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;
const ms = (value: number) => (Number.isNaN(value) ? "–" : value.toFixed(1));

function describe(result: LossyResult): (string | number)[] {
  const s = summarize(result.latencies);
  const noteOns = result.sent.reduce((sum, n) => sum + n, 0);
  const bytesPerNote = result.bytes / (noteOns * (PLAYERS - 1));
  return [
    `${result.latencies.length}/${result.expected}`,
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    stuck(result.held),
    bytesPerNote.toFixed(0),
  ];
}

const lab = await startLossyLab(JITTER_MS);
const players = Array.from({ length: PLAYERS }, () => new BenchPeer(lab.lab.ns));
const results = new Map<string, LossyResult>();
try {
  console.log(
    `Lossy lab: ${PLAYERS} players, ${NOTES} notes each, one every ${INTERVAL_MS} ms (${1000 / INTERVAL_MS} a second each), Node peers (@roamhq/wrtc).`,
  );
  for (const [n, network] of NETWORKS.entries()) {
    for (const transport of TRANSPORTS) {
      const room = `lossy-${n}-${transport}`;
      const round = { room, transport, notes: NOTES, intervalMs: INTERVAL_MS, ...network };
      const result = await playRound(lab, players, round);
      results.set(`${network.name} ${transport}`, result);
      console.log(`  ${network.name}, ${transport}: ${row(describe(result))}`);
    }
  }
  console.log("");
  console.log(
    row(["network", "transport", "heard", "p50 ms", "p99 ms", "max ms", "stuck", "bytes/note"]),
  );
  console.log(row(Array.from({ length: 8 }, () => "---")));
  for (const network of NETWORKS) {
    for (const transport of TRANSPORTS) {
      const result = results.get(`${network.name} ${transport}`)!;
      console.log(row([network.name, transport, ...describe(result)]));
    }
  }
  const clean = summarize(results.get("0 % loss loss-proof")!.latencies);
  const lossy = summarize(results.get("5 % loss loss-proof")!.latencies);
  const tenStuck = stuck(results.get("10 % loss loss-proof")!.held);
  const bytes = (key: string) => {
    const r = results.get(key)!;
    return r.bytes / r.sent.reduce((sum, n) => sum + n, 0);
  };
  const byteRatio = bytes("0 % loss loss-proof") / bytes("0 % loss reliable");
  console.log("");
  console.log(
    `5 % loss p99 ${ms(lossy.p99)} ms against clean ${ms(clean.p99)} ms: +${ms(lossy.p99 - clean.p99)} ms (target: within 20 ms) ${lossy.p99 - clean.p99 <= 20 ? "met" : "NOT met"}`,
  );
  console.log(
    `10 % loss stuck keys or pedals: ${tenStuck} (target 0) ${tenStuck === 0 ? "met" : "NOT met"}`,
  );
  console.log(
    `bytes per note, loss-proof / reliable (clean): ${byteRatio.toFixed(2)}x (target: at most 4x) ${byteRatio <= 4 ? "met" : "NOT met"}`,
  );
  for (const transport of TRANSPORTS) {
    const { onsets } = results.get(`${JITTER_MS} ms jitter ${transport}`)!;
    const spread = (mode: "immediate" | "steady") => {
      const errors = onsets.flatMap((heard) => spacingErrors(heard, mode)).sort((a, b) => a - b);
      return `p50 ${ms(percentile(errors, 50))}, p95 ${ms(percentile(errors, 95))} ms`;
    };
    console.log(
      `${JITTER_MS} ms jitter, ${transport}: note spacing as heard vs as played: immediate ${spread("immediate")}; steady ${spread("steady")} (target steady p95 <= 5 ms)`,
    );
  }
} finally {
  for (const player of players) player.stop();
  await lab.close();
}
