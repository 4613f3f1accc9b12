/**
 * A class: one player and many listeners. Each of the player's notes goes once to the
 * server, which passes it to every listener (`toListeners`); measured against the
 * original design's relay (the server broadcasts each note to the rest of the room), the
 * same notes to the same number of clients in one run. The player and the listeners share
 * this process (so a note's send time and its arrivals are on one clock); the servers run
 * in a process of their own.
 *
 *   npm run bench:listeners [-- --listeners 100 --notes 500 --interval-ms 20]
 */
import { parseArgs } from "node:util";
import {
  decodePeerFrame,
  encodeNoteFrame,
  PeerFrameType,
  PeerMessageType,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@nicepiano/protocol";
import { io, type Socket } from "socket.io-client";
import type { RelayClientToServer, RelayServerToClient } from "../relayServer";
import { formatSummary, summarize, type Summary } from "../stats";
import { spawnBenchServers } from "./spawnBenchServers";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    listeners: { type: "string", default: "100" },
    notes: { type: "string", default: "500" },
    "interval-ms": { type: "string", default: "20" },
  },
});
const LISTENERS = Number(values.listeners);
const NOTES = Number(values.notes);
const INTERVAL_MS = Number(values["interval-ms"]);

type ClassSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const open = async <S extends Socket>(url: string): Promise<S> => {
  const socket = io(url, { transports: ["websocket"], forceNew: true }) as S;
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("connect_error", reject);
  });
  return socket;
};

/** A note whose `t` is when it was sent, on this process's monotonic clock. */
const noteAt = (seq: number) =>
  encodeNoteFrame({
    events: [
      {
        seq,
        message: {
          type: PeerMessageType.NoteOn,
          note: 21 + (seq % 88),
          velocity: 90,
          t: performance.now(),
        },
      },
    ],
  });
/** The send time a note carries. */
const sentAt = (bytes: ArrayBuffer | Uint8Array) => {
  const frame = decodePeerFrame(new Uint8Array(bytes));
  return frame?.type === PeerFrameType.Notes ? frame.events[0]!.message.t : Number.NaN;
};

/** Sends the notes, one every INTERVAL_MS, and gathers every arrival's delay. */
async function play(send: (frame: Uint8Array) => void, latencies: number[]): Promise<Summary> {
  for (let seq = 0; seq < NOTES; seq++) {
    send(noteAt(seq));
    await pause(INTERVAL_MS);
  }
  await pause(1000); // the last notes land
  const summary = summarize(latencies);
  const missing = NOTES * LISTENERS - summary.count;
  if (missing !== 0) console.log(`  ${missing} of ${NOTES * LISTENERS} deliveries missing`);
  return summary;
}

async function nicePiano(url: string): Promise<Summary> {
  const room = "class";
  const player = await open<ClassSocket>(url);
  const joined = await player.emitWithAck("join", { room, name: "Teacher" });
  if (!joined.ok) throw new Error(`player refused: ${joined.error.code}`);
  const latencies: number[] = [];
  const listeners: ClassSocket[] = [];
  for (let i = 0; i < LISTENERS; i++) {
    const listener = await open<ClassSocket>(url);
    const answer = await listener.emitWithAck("join", { room, name: `s${i}`, listen: true });
    if (!answer.ok || !answer.data.self.listener) throw new Error(`listener ${i} not admitted`);
    listener.on("relayed", (_from, frame) => latencies.push(performance.now() - sentAt(frame)));
    listeners.push(listener);
  }
  try {
    return await play((frame) => player.emit("toListeners", frame), latencies);
  } finally {
    for (const socket of [player, ...listeners]) socket.disconnect();
  }
}

async function relay(url: string): Promise<Summary> {
  const latencies: number[] = [];
  const sockets: RelaySocket[] = [];
  for (let i = 0; i <= LISTENERS; i++) {
    const socket = await open<RelaySocket>(url);
    await new Promise<void>((resolve) => socket.emit("join", "class", resolve));
    if (i > 0) socket.on("note", (frame) => latencies.push(performance.now() - sentAt(frame)));
    sockets.push(socket);
  }
  try {
    return await play((frame) => sockets[0]!.emit("note", frame), latencies);
  } finally {
    for (const socket of sockets) socket.disconnect();
  }
}

const servers = await spawnBenchServers();
try {
  console.log(
    `A class: ${NOTES} notes, one every ${INTERVAL_MS} ms, from one player to ${LISTENERS} listeners; each design twice, in turn (the first run warms up this process).`,
  );
  const runs = { feed: [] as Summary[], broadcast: [] as Summary[] };
  for (const order of [
    ["feed", "broadcast"],
    ["broadcast", "feed"],
  ] as const) {
    for (const design of order) {
      const summary =
        design === "feed" ? await nicePiano(servers.signalingUrl) : await relay(servers.relayUrl);
      console.log(`  ${design}: ${formatSummary(summary)}`);
      runs[design].push(summary);
    }
  }
  // The later run of each: both after the warm-up.
  const feed = runs.feed[1]!;
  const broadcast = runs.broadcast[0]!;
  console.log(`NicePiano listeners (toListeners):   ${formatSummary(feed)}`);
  console.log(`original relay (room broadcast):     ${formatSummary(broadcast)}`);
  console.log(
    `listeners / relay: p50 ${(feed.p50 / broadcast.p50).toFixed(2)}x, p99 ${(feed.p99 / broadcast.p99).toFixed(2)}x`,
  );
} finally {
  servers.stop();
}
