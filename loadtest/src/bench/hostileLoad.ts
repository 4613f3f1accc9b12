/**
 * An honest room's note latency and its round trip to the server, first calm, then while
 * junk sockets (from other loopback addresses) and a junk-sending member of the room
 * ("junk"), and the second hardening's attacks ("mix": playback, handshake, listener
 * and body floods) do their worst (`hostile/hostileWorker.ts`, in a process of its own);
 * in one run, against one server process, whose memory is read before, during and after
 * (once the room has played as calmly again for as long).
 *
 *   npm run bench:hostile -- [--seconds 20] [--sockets 5] [--players 4] [--attacks junk,mix]
 *
 * `--attacks` names "junk", "mix", or some of the mix: playbacks, handshakes, fanout, bodies.
 * `--malloc-arenas` is the server's MALLOC_ARENA_MAX: 2 as the image and `npm run serve`
 * run it (glibc's many arenas keep what the attacks took), "default" for glibc's own.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PeerMessageType } from "@nicepiano/protocol";
import { freePort, startServerProcess } from "@nicepiano/signaling/testing";
import { collectGarbage } from "../capacity/collectGarbage";
import { processStats } from "../capacity/processStats";
import type { HostileOrders, HostileReport } from "../hostile/hostileWorker";
import { formatSummary, summarize, type Summary } from "../stats";
import { startVirtualMusician, whenConnectedTo, type VirtualMusician } from "../virtualMusician";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    sockets: { type: "string", default: "5" },
    players: { type: "string", default: "4" },
    attacks: { type: "string", default: "junk,mix" },
    "malloc-arenas": { type: "string", default: "2" },
  },
});
const seconds = Number(values.seconds);
const players = Number(values.players);
const WORKER = fileURLToPath(new URL("../hostile/hostileWorker.ts", import.meta.url));
/** The server's V8 heap in use once its garbage is collected, from its `/metrics`. */
async function heapUsed(url: string): Promise<number> {
  await collectGarbage(inspector);
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Phase {
  notes: Summary;
  /** Notes each honest player should have heard from the others. */
  expected: number;
  serverRoundTrip: Summary;
  serverCpuPercent: number;
  /** The server's largest resident memory during the phase. */
  serverPeakRssBytes: number;
}

/** Every player plays 20 notes a second and asks the server's clock 10 times a second. */
async function measure(room: VirtualMusician[], serverPid: number): Promise<Phase> {
  const notes: number[] = [];
  const roundTrips: number[] = [];
  const honest = new Set(room.map((musician) => musician.answer.self.id));
  const listeners = room.map((musician) => {
    // One process, one clock: `t` is when the note left. (Mallory's notes do not count.)
    const heard = ({ from, message }: { from: string; message: { t: number } }) => {
      if (honest.has(from)) notes.push(performance.now() - message.t);
    };
    musician.session.events.on("play", heard);
    return () => musician.session.events.off("play", heard);
  });
  let step = 0;
  const playing = setInterval(() => {
    const type = step++ % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff;
    for (const musician of room) {
      musician.session.send({ type, note: 60, velocity: 80, t: performance.now() });
    }
  }, 50);
  const expected = () => step * room.length * (room.length - 1);
  const asking = setInterval(() => {
    for (const musician of room) {
      const sent = performance.now();
      void musician.socket
        .timeout(5000)
        .emitWithAck("clock")
        .then(() => roundTrips.push(performance.now() - sent))
        .catch(() => roundTrips.push(5000));
    }
  }, 100);
  let peakRss = 0;
  const sampling = setInterval(() => {
    peakRss = Math.max(peakRss, processStats(serverPid).rssBytes);
  }, 250);
  const cpuBefore = processStats(serverPid).cpuMs;
  const started = performance.now();
  await pause(seconds * 1000);
  const cpuPercent =
    ((processStats(serverPid).cpuMs - cpuBefore) / (performance.now() - started)) * 100;
  clearInterval(playing);
  clearInterval(asking);
  clearInterval(sampling);
  await pause(1000);
  for (const off of listeners) off();
  return {
    notes: summarize(notes),
    expected: expected(),
    serverRoundTrip: summarize(roundTrips),
    serverCpuPercent: cpuPercent,
    serverPeakRssBytes: peakRss,
  };
}

// The inspector on loopback: the bench has the server collect its garbage before each
// memory reading, so that heap figures count what the server still holds.
const inspector = `127.0.0.1:${await freePort()}`;
const arenas = values["malloc-arenas"];
const server = await startServerProcess(
  arenas === "default" ? {} : { MALLOC_ARENA_MAX: arenas },
  undefined,
  { nodeArgs: [`--inspect=${inspector}`] },
);
const room: VirtualMusician[] = [];
for (let i = 0; i < players; i++) {
  room.push(await startVirtualMusician(server.url, "honest", `Player ${i + 1}`));
}
await Promise.all(room.map((musician) => whenConnectedTo(musician, players - 1, 20_000)));

console.log(
  `An honest room of ${players} (20 notes/s each) for ${seconds} s, calm then under attack` +
    ` (server MALLOC_ARENA_MAX ${arenas})`,
);
const calm = await measure(room, server.pid);

const orders: HostileOrders = {
  url: server.url,
  room: "honest",
  peers: room.map((musician) => musician.answer.self.id),
  sockets: Number(values.sockets),
  attacks: values.attacks.split(",") as HostileOrders["attacks"],
};
const heapBefore = await heapUsed(server.url);
const rssBefore = processStats(server.pid).rssBytes;
const worker = spawn(process.execPath, ["--import", "tsx", WORKER], {
  env: { ...process.env, HOSTILE_ORDERS: JSON.stringify(orders) },
  stdio: ["ignore", "pipe", "inherit"],
});
let latest: HostileReport | undefined;
const lines = createInterface({ input: worker.stdout });
await new Promise<void>((resolve, reject) => {
  worker.once("exit", (code) => reject(new Error(`the hostile worker exited with ${code}`)));
  lines.on("line", (line) => {
    if (line === "ready") resolve();
    else latest = JSON.parse(line) as HostileReport;
  });
});
const before = latest?.junkEvents ?? 0;
const fanOutBefore = latest?.mix?.fanOut;
const hostile = await measure(room, server.pid);
const after = latest;
worker.kill("SIGKILL");
// The attackers gone, the room plays on as calm as at first: the server should be back
// where it was, in latency and in memory.
await pause(5_000);
const recovered = await measure(room, server.pid);
const heapAfter = await heapUsed(server.url);
const rssAfter = processStats(server.pid).rssBytes;

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const show = (name: string, phase: Phase) => {
  console.log(
    `${name}: notes ${formatSummary(phase.notes)} (delivered ${phase.notes.count} of ${phase.expected})`,
  );
  console.log(`${name}: server round trip ${formatSummary(phase.serverRoundTrip)}`);
  console.log(`${name}: server CPU ${phase.serverCpuPercent.toFixed(1)} %`);
  console.log(`${name}: server peak RSS ${megabytes(phase.serverPeakRssBytes)}`);
};
show("calm", calm);
show("hostile", hostile);
show("after", recovered);
if (after && orders.attacks.includes("junk")) {
  console.log(
    `hostile load: ${after.junkEvents - before} junk events from ${orders.sockets} sockets ` +
      `(${((after.junkEvents - before) / seconds).toFixed(0)}/s), ${after.peerMessages} junk peer messages, ` +
      `${after.kicked} disconnections for flooding; answers ${JSON.stringify(after.answers)}`,
  );
}
if (after?.mix) {
  const { playbacks, handshakes, fanOut, bodies } = after.mix;
  const answers = (tally: { sent: number; answers: Record<string, number> }) =>
    `${tally.sent} sent, answers ${JSON.stringify(tally.answers)}`;
  console.log(`playback flood (4 sockets of one account): ${answers(playbacks)}`);
  console.log(`handshake flood (one address): ${answers(handshakes)}`);
  const sent = fanOut.sent - (fanOutBefore?.sent ?? 0);
  const heard = fanOut.framesHeard - (fanOutBefore?.framesHeard ?? 0);
  console.log(
    `listener fan-out: ${fanOut.listeners} listeners; while measured, ${(sent / seconds).toFixed(0)} ` +
      `frames/s sent to them, ${(heard / seconds / Math.max(1, fanOut.listeners)).toFixed(0)}/s heard by each`,
  );
  console.log(`oversized bodies: ${answers(bodies)}`);
}
console.log(
  `server RSS: before ${megabytes(rssBefore)}, peak during ${megabytes(hostile.serverPeakRssBytes)}, ` +
    `after ${megabytes(rssAfter)} (${((rssAfter / rssBefore - 1) * 100).toFixed(1)} % over before)`,
);
console.log(`server heap in use: before ${megabytes(heapBefore)}, after ${megabytes(heapAfter)}`);
console.log(
  `hostile/calm: note p99 ${(hostile.notes.p99 / calm.notes.p99).toFixed(2)}x, ` +
    `after/calm ${(recovered.notes.p99 / calm.notes.p99).toFixed(2)}x, ` +
    `server round trip p99 ${(hostile.serverRoundTrip.p99 / calm.serverRoundTrip.p99).toFixed(2)}x`,
);
for (const musician of room) musician.close();
await server.kill();
process.exit(0);
