/**
 * Musicians per instance: how many musicians one signaling instance holds at the seed
 * workload (the original validation's: one event every 500 ms, 90 % notes, 10 % a recording
 * list or fetch, 1 % of musicians a second losing their connection; rooms of 18; a list
 * asked of the server only when it may have changed, as the page asks), peer to
 * peer and relayed as the original design did. The count goes up (x2) until a service
 * level breaks, then the gap is halved to within 10 %:
 *   join acknowledgement p99 over 100 ms, more than 10 % of latency pings late (over
 *   500 ms after they were due), recording request p99 over 200 ms, fewer than 98 % of
 *   the musicians in their rooms, and (relay) relayed note p99 over 50 ms.
 * Each count waits for 98 % of its musicians to be in their rooms (at most 60 s after the
 * last was due; a count not there by then has broken), settles 20 s, then is measured over
 * 30 s: a count is judged as it holds, not while newcomers queue (each keeps trying to
 * connect as a page does, until it is in or leaves: an instance busy with arrivals
 * answers late).
 * Peer to peer, every musician runs NicePiano's room client with peer connections that
 * signal for real (a recorded WebRTC handshake: offer or answer, and its ICE candidates,
 * to every room-mate) and whose notes, like real ones, go nowhere the server sees. The
 * load tester's workers run at niceness 10, taking what the server leaves of the cores;
 * a count at which their event loops are over 50 ms late in more than a tenth of the
 * window's seconds is not judged (it bounds the search as a break would; a count held
 * below it is then a lower bound). Prints each count, the largest held per mode, and
 * their ratio: over the relay's own limit only.
 * With --server-cpu 0.25 the server is held to a quarter of a core (a cgroup's CPU quota,
 * as a container's limit; root): an instance of that size, whose limit in both modes the
 * load tester on this machine can reach.
 *
 *   npm run bench:musicians [-- --mode both|p2p|relay --from 100 --factor 2 --max 20000
 *     --room-size 18 --join-rate 100 --arrival-limit 60 --settle 20 --window 30
 *     --processes 3 --accounts 100 --url <a running server> --profile <dir> --no-yield --out <dir>
 *     --server-cpu <share of a core> --listen 0.0.0.0:7070 --remote-workers <n>
 *     --note-share 0.9 --reconnect-chance 0.01: another workload than the seed's]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { helpWhenAsked } from "../bench/benchHelp";
import type { Mode } from "../scenario/scenarioOptions";
import { findMusiciansPerInstance, type MusiciansResult } from "./musiciansRun";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "both" },
    from: { type: "string", default: "100" },
    factor: { type: "string", default: "2" },
    resolution: { type: "string", default: "0.1" },
    max: { type: "string", default: "20000" },
    "room-size": { type: "string", default: "18" },
    "join-rate": { type: "string", default: "100" },
    "arrival-limit": { type: "string", default: "60" },
    settle: { type: "string", default: "20" },
    window: { type: "string", default: "30" },
    processes: { type: "string", default: "3" },
    "remote-workers": { type: "string", default: "0" },
    listen: { type: "string", default: "127.0.0.1:0" },
    accounts: { type: "string", default: "100" },
    "note-share": { type: "string", default: "0.9" },
    "reconnect-chance": { type: "string", default: "0.01" },
    url: { type: "string" },
    profile: { type: "string" },
    "server-cpu": { type: "string" },
    "no-yield": { type: "boolean", default: false },
    out: { type: "string", default: "musicians-report" },
  },
});
const number = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`--${name} is a number, not "${String(values[name])}"`);
    process.exit(2);
  }
  return value;
};
const modes: Mode[] =
  values.mode === "both" ? ["p2p", "relay"] : values.mode === "relay" ? ["relay"] : ["p2p"];
const typed = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
const [host, port] = values.listen.split(/:(?=\d+$)/);

const results: MusiciansResult[] = [];
for (const mode of modes) {
  console.log(`${mode}: finding the most musicians one instance holds`);
  results.push(
    await findMusiciansPerInstance({
      mode,
      from: number("from"),
      factor: number("factor"),
      resolution: number("resolution"),
      max: number("max"),
      roomSize: number("room-size"),
      joinPerSecond: number("join-rate"),
      arrivalLimitSeconds: number("arrival-limit"),
      settleSeconds: number("settle"),
      windowSeconds: number("window"),
      processes: number("processes"),
      remoteWorkers: number("remote-workers"),
      listen: { host: host ?? "127.0.0.1", port: Number(port ?? 0) },
      accounts: number("accounts"),
      eventEveryMs: 500,
      noteShare: number("note-share"),
      reconnectChance: number("reconnect-chance"),
      latePingSlackMs: 500,
      url: values.url ?? null,
      profile: values.profile ? typed(values.profile) : null,
      serverCpu: values["server-cpu"] === undefined ? null : number("server-cpu"),
      yieldToServer: !values["no-yield"],
      seed: 1,
      onProgress: (line) => console.log(`  ${line}`),
    }),
  );
}

const share = results[0]?.serverCpu;
const size = share ? ` (the server held to ${share} of a core)` : "";
console.log(`\nMusicians per instance at the seed workload${size}:`);
/** Whether `result.held` is the server's limit (a larger count broke) or only a bound. */
const exact = (result: MusiciansResult) =>
  result.broken !== undefined && (result.loadTesterLimit ?? Infinity) > result.broken;
for (const result of results) {
  const server = result.broken === undefined ? "none broke" : `${result.broken} broke`;
  const tester =
    result.loadTesterLimit === undefined
      ? ""
      : `; the load tester fell behind at ${result.loadTesterLimit}`;
  const bound = exact(result) ? "" : " (a lower bound: the server's limit was not reached)";
  console.log(`  ${result.mode}: ${result.held} held${bound}; ${server}${tester}`);
}
const p2p = results.find((result) => result.mode === "p2p");
const relay = results.find((result) => result.mode === "relay");
if (p2p && relay && relay.held > 0) {
  const ratio = p2p.held / relay.held;
  // Over the relay's own limit, p2p's count (or its bound) makes a bound of the ratio;
  // over a bound of the relay's, nothing can be said.
  const verdict = !exact(relay)
    ? "not measured: the relay's limit was not reached"
    : `${exact(p2p) ? "" : "at least "}${ratio.toFixed(1)}x`;
  console.log(
    `musicians per instance p2p / relay: ${verdict} (${p2p.held} / ${relay.held}); target at least 20x: ${exact(relay) && ratio >= 20 ? "met" : "NOT met"}`,
  );
}
const out = typed(values.out);
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "musicians.json"),
  JSON.stringify({ createdAt: new Date().toISOString(), cores: cpus().length, results }, null, 1),
);
console.log(`Report: ${join(out, "musicians.json")}`);
process.exit(0);
