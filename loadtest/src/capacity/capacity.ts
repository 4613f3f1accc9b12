/**
 * How many musicians one signaling instance holds (see capacityRun.ts).
 *
 *   npm run bench:capacity [-- --clients 10000 --room-size 8 --workers 8 --per-second 400 --hold 60]
 *                              [--profile <dir>: the server's CPU profile, for Chrome DevTools]
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { helpWhenAsked } from "../bench/benchHelp";
import { runCapacity } from "./capacityRun";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "10000" },
    "room-size": { type: "string", default: "8" },
    workers: { type: "string", default: "8" },
    "per-second": { type: "string", default: "400" },
    hold: { type: "string", default: "60" },
    profile: { type: "string" },
  },
});
const options = {
  clients: Number(values.clients),
  roomSize: Number(values["room-size"]),
  workers: Number(values.workers),
  perSecond: Number(values["per-second"]),
  holdSeconds: Number(values.hold),
  ...(values.profile ? { profileDir: resolve(process.env.INIT_CWD ?? ".", values.profile) } : {}),
};

console.log(
  `Capacity: ${options.clients} signaling-only clients in rooms of ${options.roomSize}, ` +
    `${options.perSecond}/s, ${options.workers} client processes, then ${options.holdSeconds} s ` +
    `at full load, against one instance.`,
);
const result = await runCapacity({ ...options, onProgress: (line) => console.log(`  ${line}`) });
const { joinAcks: joins, pingGaps: gaps, cpu } = result;
console.log(`Held ${result.joined} joined clients (${result.errors} errors).`);
console.log(
  `  join acknowledgement over the ramp: p50=${joins.p50.toFixed(1)} ms p99=${joins.p99.toFixed(1)} ms max=${joins.max.toFixed(1)} ms (n=${joins.count})`,
);
console.log(
  `  ping gap at the clients at full load (2,000 ms is on time): p50=${gaps.p50.toFixed(0)} ms p99=${gaps.p99.toFixed(0)} ms max=${gaps.max.toFixed(0)} ms (n=${gaps.count})`,
);
console.log(
  `  server event loop delay at full load: p50=${result.serverLoopDelay.p50.toFixed(1)} ms p99=${result.serverLoopDelay.p99.toFixed(1)} ms max=${result.serverLoopDelay.max.toFixed(1)} ms`,
);
console.log(
  `  server at full load: CPU mean ${cpu.mean.toFixed(0)} %, peak ${cpu.max.toFixed(0)} %; RSS max ${(result.rssMaxBytes / 2 ** 20).toFixed(0)} MB`,
);
process.exit(0);
