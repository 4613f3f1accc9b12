/**
 * Failover: how long the players of a killed signaling instance take to be back in their
 * room, through haproxy, on a surviving instance. Three instances (processes) share a
 * redis-server behind the shipped `deploy/haproxy.cfg`; 12 Node musicians jam in two
 * rooms. Each round kills the busiest instance (SIGKILL), times its players from the
 * kill to their rejoin, then starts it again. Notes keep flowing on the peer connections; lost
 * ones are counted.
 *
 *   npm run bench:failover [-- --rounds 6 --players 12]
 */
import { parseArgs } from "node:util";
import { PeerMessageType } from "@nicepiano/protocol";
import {
  LOAD_TOOL_ENV,
  startHaproxy,
  startRedisServer,
  startServerProcess,
  type ServerProcess,
} from "@nicepiano/signaling/testing";
import { summarize } from "../stats";
import { startVirtualMusician, whenConnectedTo, type VirtualMusician } from "../virtualMusician";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    players: { type: "string", default: "12" },
  },
});
const ROUNDS = Number(values.rounds);
const PLAYERS = Number(values.players);
const roomOf = (player: number) => player % 2;
async function connectedSockets(instance: ServerProcess): Promise<number> {
  const metrics = await (await fetch(`${instance.url}/metrics`)).text();
  return Number(/^nicepiano_connected_sockets (\d+)/m.exec(metrics)?.[1] ?? 0);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const redis = await startRedisServer();
const env = { ...LOAD_TOOL_ENV, REDIS_URL: redis.url };
const instances: ServerProcess[] = await Promise.all([0, 1, 2].map(() => startServerProcess(env)));
const haproxy = await startHaproxy(instances.map((instance) => instance.port));
const musicians: VirtualMusician[] = [];
try {
  for (let i = 0; i < PLAYERS; i++) {
    musicians.push(
      await startVirtualMusician(haproxy.url, `room-${roomOf(i)}`, `player-${i}`, {
        ca: haproxy.ca,
      }),
    );
  }
  // Everyone in a room connects to the others of that room.
  const others = (i: number) => musicians.filter((_, j) => roomOf(j) === roomOf(i)).length - 1;
  await Promise.all(musicians.map((m, i) => whenConnectedTo(m, others(i))));

  let sent = 0;
  let heard = 0;
  for (const m of musicians) m.session.events.on("play", () => heard++);
  const playing = setInterval(() => {
    for (const m of musicians)
      sent += m.session.send({
        type: PeerMessageType.NoteOn,
        note: 60,
        velocity: 64,
        t: performance.now(),
      });
  }, 50);

  const backAfter: number[] = [];
  let left = 0;
  for (const m of musicians) m.session.events.on("memberLeft", () => left++);
  console.log(
    `Failover: ${ROUNDS} kills of one of 3 instances behind haproxy, ${PLAYERS} players in 2 rooms.`,
  );
  // When each player last dropped its connection, and last rejoined.
  const droppedAt = new Map<VirtualMusician, number>();
  const rejoinedAt = new Map<VirtualMusician, number>();
  for (const m of musicians) {
    m.socket.on("disconnect", () => droppedAt.set(m, performance.now()));
    m.session.events.on("rejoined", () => rejoinedAt.set(m, performance.now()));
  }
  for (let round = 0; round < ROUNDS; round++) {
    // The instance with the most players (its own /metrics say how many).
    const load = await Promise.all(instances.map(connectedSockets));
    const victim = load.indexOf(Math.max(...load));
    const killedAt = performance.now();
    await instances[victim]!.kill("SIGKILL");
    await pause(300);
    const dropped = musicians.filter((m) => (droppedAt.get(m) ?? 0) >= killedAt);
    const back = () => dropped.every((m) => (rejoinedAt.get(m) ?? 0) >= killedAt);
    while (!back()) await pause(20);
    const times = dropped.map((m) => (rejoinedAt.get(m)! - killedAt) / 1000);
    backAfter.push(...times);
    console.log(
      `  round ${round + 1}: ${times.length} players back in ${times.map((t) => t.toFixed(2)).join(", ")} s`,
    );
    instances[victim] = await startServerProcess(env, instances[victim]!.port);
    await pause(2500); // haproxy sees it up again (rise 2 × 1 s)
  }
  clearInterval(playing);
  await pause(500);
  const summary = summarize(backAfter);
  console.log(
    `Back in the room after a kill: n=${summary.count} p50=${summary.p50.toFixed(2)} s p95=${summary.p95.toFixed(2)} s max=${summary.max.toFixed(2)} s`,
  );
  console.log(
    `Notes between peers during all rounds: sent ${sent}, heard ${heard}, lost ${sent - heard}; members seen leaving: ${left}`,
  );
} finally {
  for (const m of musicians) m.close();
  await haproxy.stop();
  await Promise.all(instances.map((instance) => instance.kill("SIGKILL")));
  await redis.stop();
}
