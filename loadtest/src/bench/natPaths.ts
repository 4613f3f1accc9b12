/**
 * Notes across NATs, in the network namespace lab (see natLab.ts): one-way latency of
 * notes between two players, p50/p99, over each path, in one run:
 *  - direct: two hosts on one segment;
 *  - TURN:   two homes behind NATs, through coturn;
 *  - server: the same homes without TURN, through the signaling server (the fallback);
 * and the time from the second player joining to a working path, p95. Each player is a
 * process of its own in its place's namespace; one clock (CLOCK_MONOTONIC) times them.
 *
 *   npm run bench:nat [-- --rounds 10 --notes 200]
 */
import { parseArgs } from "node:util";
import type { Place } from "../natLab";
import { joinPair, startNatLab } from "../natLabRoom";
import { formatSummary, summarize } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "10" },
    notes: { type: "string", default: "200" },
  },
});
const ROUNDS = Number(values.rounds);
const NOTES = Number(values.notes);

const services = await startNatLab();
const scenarios = [
  {
    label: "direct",
    places: ["lan-c", "lan-d"],
    server: services.withoutTurn,
    waitFor: "channels",
  },
  { label: "TURN", places: ["home-a", "home-b"], server: services.withTurn, waitFor: "channels" },
  {
    label: "server",
    places: ["home-a", "home-b"],
    server: services.withoutTurn,
    waitFor: "members",
  },
] as const;
try {
  console.log(
    `Notes across NATs: ${ROUNDS} pairs per path, ${NOTES} notes each way per pair (20 ms apart).`,
  );
  const results = [];
  for (const scenario of scenarios) {
    const latencies: number[] = [];
    const joins: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { players, joinMs } = await joinPair(
        services.lab,
        [...scenario.places] as [Place, Place],
        scenario.server,
        `${scenario.label}-${round}`,
        scenario.waitFor,
      );
      joins.push(joinMs);
      await Promise.all(
        players.map((p) => p.request({ type: "send", count: NOTES, intervalMs: 20 }, "sent")),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const p of players)
        latencies.push(...(await p.request({ type: "collect" }, "latencies")).values);
      for (const p of players) p.stop();
    }
    results.push({ label: scenario.label, notes: summarize(latencies), joins: summarize(joins) });
  }
  const direct = results[0]!.notes;
  for (const { label, notes, joins } of results) {
    console.log(
      `  ${label.padEnd(6)} notes: ${formatSummary(notes)} (p50 ×${(notes.p50 / direct.p50).toFixed(2)} direct)`,
    );
    console.log(
      `  ${label.padEnd(6)} join to a working path: p50=${joins.p50.toFixed(0)} ms p95=${joins.p95.toFixed(0)} ms`,
    );
  }
} finally {
  await services.close();
}
