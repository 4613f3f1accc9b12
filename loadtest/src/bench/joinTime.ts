/**
 * Join time: from opening a room (connecting to the signaling server) to data channels
 * open with every member, for rooms of 8 Node peers, each in a process of its own.
 *
 * Two ways of filling a room, each repeated over several rooms:
 *  - one by one: each newcomer arrives once the previous one is fully connected, and is
 *    timed until its channels to everyone already there are open;
 *  - all at once: 8 players open the link at the same moment, each timed until its
 *    channels to all 7 others are open.
 *
 *   npm run bench:join [-- --rooms 20 --size 8]
 */
import { parseArgs } from "node:util";
import { formatSummary, summarize } from "../stats";
import { startBenchPeers, type BenchPeer } from "./benchPeerPool";
import { spawnBenchServers } from "./spawnBenchServers";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    rooms: { type: "string", default: "20" },
    size: { type: "string", default: "8" },
  },
});
const ROOMS = Number(values.rooms);
const SIZE = Number(values.size);

const join = (peer: BenchPeer, url: string, room: string, i: number, expectPeers: number) =>
  peer.request(
    { type: "join", path: "p2p", url, room, name: `player-${i}`, expectPeers },
    "joined",
  );
const leaveAll = (peers: BenchPeer[]) =>
  Promise.all(peers.map((peer) => peer.request({ type: "leave" }, "left")));

/** Times of players 2…SIZE, each joining once the ones before are connected. */
async function oneByOne(peers: BenchPeer[], url: string, room: string): Promise<number[]> {
  const times: number[] = [];
  for (const [i, peer] of peers.entries()) {
    const { ms } = await join(peer, url, room, i, i);
    if (i > 0) times.push(ms); // the first has nobody to connect to
  }
  await leaveAll(peers);
  return times;
}

async function allAtOnce(peers: BenchPeer[], url: string, room: string): Promise<number[]> {
  const reports = await Promise.all(peers.map((peer, i) => join(peer, url, room, i, SIZE - 1)));
  await leaveAll(peers);
  return reports.map((report) => report.ms);
}

const servers = await spawnBenchServers();
const peers = startBenchPeers(SIZE);
try {
  console.log(
    `Join time: ${ROOMS} rooms of ${SIZE} Node peers (@roamhq/wrtc, one process each) per way of filling.`,
  );
  const sequential: number[] = [];
  const lastOfRoom: number[] = [];
  const simultaneous: number[] = [];
  for (let round = 0; round < ROOMS; round++) {
    const times = await oneByOne(peers, servers.signalingUrl, `seq-${round}`);
    sequential.push(...times);
    lastOfRoom.push(times.at(-1)!);
    const together = await allAtOnce(peers, servers.signalingUrl, `all-${round}`);
    simultaneous.push(...together);
  }
  const newcomer = summarize(lastOfRoom);
  const together = summarize(simultaneous);
  console.log(
    `newcomer making a room of ${SIZE} (channels to ${SIZE - 1}): ${formatSummary(newcomer)}`,
  );
  console.log(
    `each newcomer while filling the room one by one:  ${formatSummary(summarize(sequential))}`,
  );
  console.log(`all ${SIZE} opening the link at the same moment:    ${formatSummary(together)}`);
  console.log(
    `target (newcomer p95 <= 1000 ms): ${newcomer.p95 <= 1000 ? "met" : "NOT met"}; all at once p95 ${together.p95 <= 1000 ? "<=" : ">"} 1000 ms`,
  );
} finally {
  for (const peer of peers) peer.stop();
  servers.stop();
}
