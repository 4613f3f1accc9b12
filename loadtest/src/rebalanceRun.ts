import { PeerMessageType } from "@nicepiano/protocol";
import {
  freePort,
  LOAD_TOOL_ENV,
  startHaproxy,
  startRedisServer,
  startServerProcess,
  type HaproxyProcess,
  type RedisServer,
  type ServerProcess,
} from "@nicepiano/signaling/testing";
import { startVirtualMusician, whenConnectedTo, type VirtualMusician } from "./virtualMusician";

export interface RebalanceReport {
  players: number;
  /** From the third instance's start to every instance within 10 % of a third (null: never). */
  balancedAfterMs: number | null;
  /** Each instance's players at the end, in order. */
  counts: number[];
  notesSent: number;
  /** Note-ons a room-mate never got (neither played nor judged too late). */
  notesLost: number;
  /**
   * Note-ons that came past the lateness window (LATE_NOTE_MS) and were not played: the
   * load on this machine (60 WebRTC players in one process) stalling, not a lost note.
   */
  notesLate: number;
  /** Members any player saw leave. */
  left: number;
}

const ROOM_SIZE = 3;
const NOTE_EVERY_MS = 250;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Players connected to an instance, as its /metrics says. */
async function socketsOn(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^nicepiano_connected_sockets (\d+)$/m.exec(text)?.[1] ?? NaN);
}

/**
 * Three instances joined by Redis behind the shipped haproxy; `players` musicians (Node
 * WebRTC, rooms of three, a note every 250 ms each) join while only two run; then the third
 * starts, and the instances' rebalancing (their defaults) evens them out. Reports when the
 * three held a third each (±10 %), the notes lost between peers, and who was seen leaving.
 */
export async function runRebalance(players = 60, timeoutMs = 60_000): Promise<RebalanceReport> {
  let redis: RedisServer | undefined;
  let haproxy: HaproxyProcess | undefined;
  const servers: ServerProcess[] = [];
  const musicians: VirtualMusician[] = [];
  try {
    redis = await startRedisServer();
    const env = { ...LOAD_TOOL_ENV, REDIS_URL: redis.url };
    const ports = [await freePort(), await freePort(), await freePort()];
    servers.push(
      ...(await Promise.all(ports.slice(0, 2).map((port) => startServerProcess(env, port)))),
    );
    haproxy = await startHaproxy(ports);
    for (let i = 0; i < players; i++) {
      const room = `rebalance-${Math.floor(i / ROOM_SIZE)}`;
      musicians.push(
        await startVirtualMusician(haproxy.url, room, `player-${i}`, { ca: haproxy.ca }),
      );
    }
    await Promise.all(musicians.map((m) => whenConnectedTo(m, ROOM_SIZE - 1, 30_000)));

    let left = 0;
    const sent = new Map<string, number>();
    const heard = musicians.map(() => new Map<string, number>());
    musicians.forEach((m, i) => {
      m.session.events.on("memberLeft", () => left++);
      m.session.events.on("play", ({ from }) =>
        heard[i]!.set(from, (heard[i]!.get(from) ?? 0) + 1),
      );
    });
    const playing = setInterval(() => {
      for (const m of musicians) {
        const note = {
          type: PeerMessageType.NoteOn,
          note: 60,
          velocity: 64,
          t: performance.now(),
        } as const;
        m.session.send(note);
        sent.set(m.answer.self.id, (sent.get(m.answer.self.id) ?? 0) + 1);
      }
    }, NOTE_EVERY_MS);

    const startedAt = performance.now();
    servers.push(await startServerProcess(env, ports[2]));
    const share = players / 3;
    const balanced = (counts: number[]) =>
      counts.reduce((a, b) => a + b, 0) === players &&
      counts.every((count) => Math.abs(count - share) <= share * 0.1);
    let balancedAfterMs: number | null = null;
    let counts: number[] = [];
    while (performance.now() - startedAt < timeoutMs) {
      counts = await Promise.all(servers.map(socketsOn));
      if (balanced(counts)) {
        balancedAfterMs = performance.now() - startedAt;
        break;
      }
      await pause(500);
    }
    await pause(2000);
    clearInterval(playing);

    // Each player's note-ons not heard from its room-mates, less those judged too late.
    const tally = () => {
      let notesSent = 0;
      let notesLost = 0;
      let notesLate = 0;
      musicians.forEach((m, i) => {
        let missing = 0;
        for (const other of m.session.members.keys()) {
          const count = sent.get(other) ?? 0;
          notesSent += count;
          missing += Math.max(0, count - (heard[i]!.get(other) ?? 0));
        }
        notesLate += m.session.lateNotes;
        notesLost += Math.max(0, missing - m.session.lateNotes);
      });
      return { notesSent, notesLost, notesLate };
    };
    // The last notes may still be on their way: up to 5 s for them.
    const settleUntil = performance.now() + 5000;
    do await pause(250);
    while (tally().notesLost > 0 && performance.now() < settleUntil);
    counts = await Promise.all(servers.map(socketsOn));
    return { players, balancedAfterMs, counts, ...tally(), left };
  } finally {
    for (const musician of musicians) musician.close();
    await haproxy?.stop();
    await Promise.all(servers.map((server) => server.kill("SIGKILL")));
    await redis?.stop();
  }
}
