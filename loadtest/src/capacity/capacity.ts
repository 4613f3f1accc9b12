/**
 * Capacity: how many musicians one signaling instance holds. Thousands of signaling-only
 * clients (socket.io-client, no WebRTC) in worker processes join rooms of 8 at a steady
 * pace, answer the server's latency pings (one every 2 s) and now and then signal a
 * room-mate, against one server process. Reports, while it runs and at the end: clients
 * connected and joined, join acknowledgement p50/p99, the gap between two pings at a
 * client (on time: 2,000 ms), the server's CPU and resident memory.
 *
 *   npm run bench:capacity [-- --clients 10000 --room-size 8 --workers 8 --per-second 400 --hold 60]
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServerProcess } from "@nicepiano/signaling/testing";
import { summarize } from "../stats";
import type { CapacityOrders, CapacityReport } from "./capacityMessages";
import { processStats } from "./processStats";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "10000" },
    "room-size": { type: "string", default: "8" },
    workers: { type: "string", default: "8" },
    "per-second": { type: "string", default: "400" },
    hold: { type: "string", default: "60" },
  },
});
const CLIENTS = Number(values.clients);
const ROOM_SIZE = Number(values["room-size"]);
const WORKERS = Number(values.workers);
const PER_SECOND = Number(values["per-second"]);
const HOLD_S = Number(values.hold);

const server = await startServerProcess({ MAX_ROOM_MEMBERS: String(Math.max(ROOM_SIZE, 2)) });
const script = fileURLToPath(new URL("./capacityWorker.ts", import.meta.url));
const latest = new Map<ChildProcess, Extract<CapacityReport, { type: "tick" }>>();
const joinAcks: number[] = [];
const pingGaps: number[] = [];
const workers = Array.from({ length: WORKERS }, (_, w) => {
  const child = fork(script, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  child.on("message", (report: CapacityReport) => {
    if (report.type === "error") throw new Error(report.message);
    latest.set(child, report);
    joinAcks.push(...report.joinAcks);
    pingGaps.push(...report.pingGaps);
  });
  const share = Math.ceil(CLIENTS / WORKERS);
  const orders: CapacityOrders = {
    url: server.url,
    first: w * share,
    count: Math.min(share, CLIENTS - w * share),
    roomSize: ROOM_SIZE,
    perSecond: PER_SECOND / WORKERS,
  };
  child.send(orders);
  return child;
});

const totals = () => {
  let connected = 0;
  let joined = 0;
  let errors = 0;
  for (const tick of latest.values()) {
    connected += tick.connected;
    joined += tick.joined;
    errors += tick.errors;
  }
  return { connected, joined, errors };
};

console.log(
  `Capacity: ${CLIENTS} signaling-only clients in rooms of ${ROOM_SIZE}, ${PER_SECOND}/s, ` +
    `${WORKERS} client processes, then ${HOLD_S} s at full load, against one instance.`,
);
const cpuSamples: number[] = [];
let rssMax = 0;
let before = processStats(server.pid);
let heldSince = 0;
const started = performance.now();
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const now = processStats(server.pid);
  const cpuPercent = (now.cpuMs - before.cpuMs) / 10;
  before = now;
  cpuSamples.push(cpuPercent);
  rssMax = Math.max(rssMax, now.rssBytes);
  const { connected, joined, errors } = totals();
  const seconds = Math.round((performance.now() - started) / 1000);
  if (seconds % 5 === 0) {
    console.log(
      `  ${String(seconds).padStart(4)} s: ${connected} connected, ${joined} joined, ` +
        `${errors} errors; server CPU ${cpuPercent.toFixed(0)} %, RSS ${(now.rssBytes / 2 ** 20).toFixed(0)} MB`,
    );
  }
  if (joined >= CLIENTS && heldSince === 0) {
    heldSince = performance.now();
    pingGaps.length = 0; // on time at full load is what counts
  }
  if (heldSince > 0 && performance.now() - heldSince > HOLD_S * 1000) break;
  if (seconds > 600) throw new Error("did not reach full load in 10 minutes");
}

const joins = summarize(joinAcks);
const gaps = summarize(pingGaps);
const held = cpuSamples.slice(-HOLD_S);
console.log(`Held ${totals().joined} joined clients for ${HOLD_S} s (${totals().errors} errors).`);
console.log(
  `  join acknowledgement over the ramp: p50=${joins.p50.toFixed(1)} ms p99=${joins.p99.toFixed(1)} ms max=${joins.max.toFixed(1)} ms (n=${joins.count})`,
);
console.log(
  `  ping gap at the clients at full load (2,000 ms is on time): p50=${gaps.p50.toFixed(0)} ms p99=${gaps.p99.toFixed(0)} ms max=${gaps.max.toFixed(0)} ms (n=${gaps.count})`,
);
console.log(
  `  server at full load: CPU mean ${summarize(held).mean.toFixed(0)} %, peak ${summarize(held).max.toFixed(0)} %; RSS max ${(rssMax / 2 ** 20).toFixed(0)} MB`,
);
for (const worker of workers) worker.disconnect();
await server.kill();
process.exit(0);
