/**
 * Clock agreement: two peers, each in a process of its own and reading a clock seconds
 * off (3.7 s fast, 1.25 s slow), sync their room clock with a signaling server process on
 * the same machine. The server reads this machine's clock, so each peer's estimated
 * offset less its known skew is its error, and two peers' errors differ by how far apart
 * their room clocks are. Sampled every 100 ms after a warm-up.
 *
 *   npm run bench:clock [-- --seconds 20]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServerProcess } from "@nicepiano/signaling/testing";
import { formatSummary, summarize } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({ options: { seconds: { type: "string", default: "20" } } });
const SECONDS = Number(values.seconds);
const WARM_UP_MS = 5000;
const PEER = fileURLToPath(new URL("./clockPeer.ts", import.meta.url));

const server = await startServerProcess();
const peers: ChildProcess[] = [];
try {
  const offsets = [
    ["Ada", 3700],
    ["Bob", -1250],
  ].map(([name, skew]) => {
    const args = ["--import", "tsx", PEER, server.url, "clock", String(name), String(skew)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    peers.push(child);
    const samples: number[] = [];
    const started = performance.now();
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (performance.now() - started > WARM_UP_MS) samples.push(Number(line));
    });
    return samples;
  });
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS + SECONDS * 1000));
  const [ada, bob] = offsets as [number[], number[]];
  const pairs = Math.min(ada.length, bob.length);
  const apart = Array.from({ length: pairs }, (_, i) => Math.abs(ada[i]! - bob[i]!));
  console.log(
    `Two peers' room clocks over ${SECONDS} s, sampled every 100 ms after ${WARM_UP_MS / 1000} s:`,
  );
  console.log(`Ada's error: ${formatSummary(summarize(ada.map(Math.abs)))}`);
  console.log(`Bob's error: ${formatSummary(summarize(bob.map(Math.abs)))}`);
  const summary = summarize(apart);
  console.log(`apart:       ${formatSummary(summary)}`);
  console.log(
    `target (at most 2 ms apart): ${summary.max <= 2 ? "met for every sample" : "NOT met"}`,
  );
} finally {
  for (const peer of peers) peer.kill();
  await server.kill();
}
