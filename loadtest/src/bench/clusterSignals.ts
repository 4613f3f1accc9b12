/**
 * Signal delivery across instances: one-way time of a WebRTC signal from a socket on
 * instance A to a socket on A (same instance) and to one on instance B (through Redis),
 * interleaved in one run. Two signaling processes and a real redis-server on loopback.
 *
 *   npm run bench:cluster [-- --signals 1500]
 *
 * Each socket may send 300 signals at once, then 50 a second (`RATE_LIMITS.signal`, kept
 * for a load tester's address too): the signals are spread over 14 senders, the most a
 * room of 16 holds beside the two receivers.
 */
import { parseArgs } from "node:util";
import type { IncomingSignal } from "@nicepiano/protocol";
import { io } from "socket.io-client";
import { LOAD_TOOL_ENV, startRedisServer, startServerProcess } from "@nicepiano/signaling/testing";
import type { RoomSocket } from "@nicepiano/client/room";
import { formatSummary, summarize } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({ options: { signals: { type: "string", default: "1500" } } });
const SIGNALS = Number(values.signals);
const SENDERS = 14;

async function member(url: string, room: string): Promise<{ socket: RoomSocket; id: string }> {
  const socket: RoomSocket = io(url, { transports: ["websocket"], forceNew: true });
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  const answer = await socket.emitWithAck("join", { room, name: "bench" });
  if (!answer.ok) throw new Error(answer.error.message);
  return { socket, id: answer.data.self.id };
}

/** Resolves with the ms between sending a signal and its arrival. */
function timeOne(from: RoomSocket, to: { socket: RoomSocket; id: string }): Promise<number> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const arrived = (_signal: IncomingSignal) => {
      to.socket.off("signal", arrived);
      resolve(performance.now() - sentAt);
    };
    to.socket.on("signal", arrived);
    from.emit("signal", { to: to.id, data: { type: "offer", sdp: "v=0 bench" } }, () => {});
  });
}

const redis = await startRedisServer();
const [a, b] = await Promise.all(
  [0, 1].map(() => startServerProcess({ ...LOAD_TOOL_ENV, REDIS_URL: redis.url })),
);
try {
  const senders: Awaited<ReturnType<typeof member>>[] = [];
  for (let i = 0; i < SENDERS; i++) senders.push(await member(a!.url, "bench"));
  const sender = (i: number) => senders[i % SENDERS]!.socket;
  const sameInstance = await member(a!.url, "bench");
  const otherInstance = await member(b!.url, "bench");
  const same: number[] = [];
  const cross: number[] = [];
  for (let i = 0; i < 200; i++) await timeOne(sender(i), i % 2 ? sameInstance : otherInstance);
  for (let i = 0; i < SIGNALS; i++) {
    same.push(await timeOne(sender(i), sameInstance));
    cross.push(await timeOne(sender(i + 1), otherInstance));
  }
  const s = summarize(same);
  const c = summarize(cross);
  console.log(`Signal delivery, ${SIGNALS} each, interleaved (two instances, redis-server, lo):`);
  console.log(`  same instance:  ${formatSummary(s)}`);
  console.log(`  other instance: ${formatSummary(c)}`);
  console.log(
    `  cross / same: p50 ×${(c.p50 / s.p50).toFixed(2)}, p99 ×${(c.p99 / s.p99).toFixed(2)}`,
  );
  for (const m of [...senders, sameInstance, otherInstance]) m.socket.disconnect();
} finally {
  await Promise.all([a!.kill("SIGKILL"), b!.kill("SIGKILL")]);
  await redis.stop();
}
