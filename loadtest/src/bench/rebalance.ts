/**
 * Rebalancing after a scale-up: three instances joined by Redis behind the shipped
 * haproxy, the players joined while two ran, then the third started. Prints how long until
 * each instance held a third of the players (±10 %), the notes lost between peers meanwhile,
 * and the members anyone saw leave.
 *
 *   npm run bench:rebalance [-- --players 60 --runs 1]
 */
import { parseArgs } from "node:util";
import { runRebalance } from "../rebalanceRun";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    players: { type: "string", default: "60" },
    runs: { type: "string", default: "1" },
  },
});

const players = Number(values.players);
console.log(
  `Rebalancing: ${players} players (rooms of 3, a note every 250 ms each) on two instances, then a third starts.`,
);
for (let run = 0; run < Number(values.runs); run++) {
  const report = await runRebalance(players);
  const balanced =
    report.balancedAfterMs === null
      ? "never (60 s)"
      : `${(report.balancedAfterMs / 1000).toFixed(1)} s`;
  console.log(
    `run ${run + 1}: balanced after ${balanced}; players per instance ${report.counts.join(" / ")}; notes lost ${report.notesLost} of ${report.notesSent} (${report.notesLate} too late to play); seen leaving ${report.left}`,
  );
}
