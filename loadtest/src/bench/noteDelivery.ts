/**
 * One-way note delivery on this machine: NicePiano's peer-to-peer data channels against
 * the original design's server relay (Socket.IO broadcast to the room), the same notes in
 * one run. A sender and two receivers, each in a process of its own; notes carry their
 * send time on the machine's monotonic clock, so each arrival is timed exactly.
 *
 *   npm run bench:notes [-- --notes 10000 --interval-ms 1]
 */
import { parseArgs } from "node:util";
import { formatSummary, summarize, type Summary } from "../stats";
import type { Path } from "./benchPeerMessages";
import { startBenchPeers, type BenchPeer } from "./benchPeerPool";
import { spawnBenchServers } from "./spawnBenchServers";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    notes: { type: "string", default: "10000" },
    "interval-ms": { type: "string", default: "1" },
  },
});
const NOTES = Number(values.notes);
const INTERVAL_MS = Number(values["interval-ms"]);
const RECEIVERS = 2;

async function measure(peers: BenchPeer[], path: Path, url: string): Promise<Summary> {
  const room = `notes-${path}`;
  // Receivers first, so the sender (the newcomer) connects to both.
  const [sender, ...receivers] = peers;
  for (const [i, peer] of receivers.entries()) {
    await peer.request(
      { type: "join", path, url, room, name: `receiver-${i}`, expectPeers: i },
      "joined",
    );
  }
  await sender!.request(
    { type: "join", path, url, room, name: "sender", expectPeers: RECEIVERS },
    "joined",
  );
  await sender!.request(
    { type: "send", count: NOTES, intervalMs: INTERVAL_MS },
    "sent",
    NOTES * INTERVAL_MS * 20 + 60_000,
  );
  // Let the last notes land.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const latencies: number[] = [];
  for (const [i, receiver] of receivers.entries()) {
    const { values } = await receiver.request({ type: "collect" }, "latencies");
    console.log(`  ${path}, receiver ${i}: ${formatSummary(summarize(values))}`);
    latencies.push(...values);
  }
  await Promise.all(peers.map((peer) => peer.request({ type: "leave" }, "left")));
  const summary = summarize(latencies);
  if (summary.count !== NOTES * RECEIVERS) {
    console.log(
      `${path}: ${NOTES * RECEIVERS - summary.count} of ${NOTES * RECEIVERS} notes did not arrive`,
    );
  }
  return summary;
}

const servers = await spawnBenchServers();
const peers = startBenchPeers(1 + RECEIVERS);
try {
  console.log(
    `Note delivery: ${NOTES} notes, one every ${INTERVAL_MS} ms, from one sender to ${RECEIVERS} receivers (one process each).`,
  );
  const p2p = await measure(peers, "p2p", servers.signalingUrl);
  const relay = await measure(peers, "relay", servers.relayUrl);
  console.log(`peer to peer (WebRTC data channel): ${formatSummary(p2p)}`);
  console.log(`server relay (Socket.IO broadcast):  ${formatSummary(relay)}`);
  console.log(
    `relay / p2p: p50 ${(relay.p50 / p2p.p50).toFixed(2)}x, p99 ${(relay.p99 / p2p.p99).toFixed(2)}x`,
  );
  const pass = p2p.p50 <= 1 && p2p.p99 <= 5 && p2p.p50 < relay.p50 && p2p.p99 < relay.p99;
  console.log(`target (p2p p50 <= 1 ms, p99 <= 5 ms, below relay): ${pass ? "met" : "NOT met"}`);
} finally {
  for (const peer of peers) peer.stop();
  servers.stop();
}
