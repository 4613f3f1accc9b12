/**
 * One virtual musician for the benchmarks, in a process of its own, driven over IPC
 * (see benchPeerMessages.ts): joins a room peer to peer or on the relay server, sends
 * notes stamped with the shared monotonic clock, and times the notes it receives.
 */
import { decodePeerMessage, encodePeerMessage, PeerMessageType } from "@nicepiano/protocol";
import { connectionKind, relayOnly, type ConnectionKind } from "@nicepiano/client/mesh";
import { io, type Socket } from "socket.io-client";
import type { RelayClientToServer, RelayServerToClient } from "../relayServer";
import { startVirtualMusician, whenConnectedTo, type VirtualMusician } from "../virtualMusician";
import { createNodePeer } from "../nodePeers";
import { BenchListener } from "./benchListener";
import {
  monotonicMs,
  type BenchCommand,
  type BenchReport,
  type PlayCommand,
} from "./benchPeerMessages";
import { NotePattern } from "./notePattern";
import { wireBytesSent } from "./wireBytes";

type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

let musician: VirtualMusician | undefined;
let listener: BenchListener | undefined;
let relay: RelaySocket | undefined;
let latencies: number[] = [];

const report = (message: BenchReport) => process.send?.(message);

function onNote(bytes: Uint8Array): void {
  const message = decodePeerMessage(bytes);
  if (message?.type === PeerMessageType.NoteOn) latencies.push(monotonicMs() - message.t);
}

async function join(command: Extract<BenchCommand, { type: "join" }>): Promise<void> {
  const started = monotonicMs();
  if (command.path === "p2p") {
    const createPeer = command.relayOnly ? relayOnly(createNodePeer) : createNodePeer;
    const { transport } = command;
    musician = await startVirtualMusician(command.url, command.room, command.name, {
      createPeer,
      ...(transport ? { transport } : {}),
    });
    listener = new BenchListener(musician.session);
    latencies = listener.latencies;
    if (command.waitFor === "members") await whenMembers(musician, command.expectPeers);
    else await whenConnectedTo(musician, command.expectPeers, 30_000);
  } else {
    const socket: RelaySocket = io(command.url, { transports: ["websocket"], forceNew: true });
    relay = socket;
    await new Promise<void>((resolve) => socket.emit("join", command.room, resolve));
    socket.on("note", (bytes) => onNote(new Uint8Array(bytes)));
  }
  report({ type: "joined", ms: monotonicMs() - started });
}

async function whenMembers(m: VirtualMusician, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (m.session.members.size < count) {
    if (Date.now() > deadline) throw new Error(`${m.session.members.size}/${count} members`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How this musician reaches each other member: direct, TURN or the server. */
function pathKinds(): Promise<ConnectionKind[]> {
  const m = musician;
  if (!m) return Promise.resolve([]);
  return Promise.all(
    [...m.session.members.keys()].map((peer) =>
      connectionKind(m.session.pathOf(peer), m.session.connectionOf(peer)),
    ),
  );
}

function send({ count, intervalMs }: Extract<BenchCommand, { type: "send" }>): void {
  let sent = 0;
  const timer = setInterval(() => {
    const note = 21 + (sent % 88);
    const message = { type: PeerMessageType.NoteOn, note, velocity: 80, t: monotonicMs() } as const;
    if (musician) musician.session.send(message);
    else relay?.emit("note", encodePeerMessage(message));
    if (++sent < count) return;
    clearInterval(timer);
    report({ type: "sent" });
  }, intervalMs);
}

/** Plays the pattern in real time; answers with how many note-ons it sent. */
function play({ notes, intervalMs, base, hold }: PlayCommand): void {
  const session = musician?.session;
  if (!session) return void report({ type: "error", message: "play before join" });
  const pattern = new NotePattern(base);
  let noteOns = 0;
  const sendAll = (messages: ReturnType<NotePattern["step"]>) => {
    for (const message of messages) {
      if (message.type === PeerMessageType.NoteOn) noteOns++;
      session.send(message);
    }
  };
  let step = 0;
  const timer = setInterval(() => {
    sendAll(pattern.step(step, monotonicMs()));
    if (++step < notes) return;
    clearInterval(timer);
    setTimeout(() => {
      sendAll(pattern.end(hold ?? { keys: [], pedal: false }, monotonicMs()));
      report({ type: "played", notes: noteOns });
    }, intervalMs);
  }, intervalMs);
}

/** Bytes this peer's connections have sent on the wire (UDP payloads), all peers. */
async function bytesSent(): Promise<number> {
  const m = musician;
  if (!m) return 0;
  const connections = [...m.session.members.keys()].map((peer) => m.session.connectionOf(peer));
  const sent = await Promise.all(
    connections.map((c) => (c ? wireBytesSent(c) : Promise.resolve(0))),
  );
  return sent.reduce((sum, bytes) => sum + bytes, 0);
}

function leave(): void {
  listener?.destroy();
  listener = undefined;
  musician?.close();
  relay?.disconnect();
  musician = undefined;
  relay = undefined;
  latencies = [];
  report({ type: "left" });
}

process.on("message", (command: BenchCommand) => {
  const run = async () => {
    switch (command.type) {
      case "join":
        return join(command);
      case "send":
        return send(command);
      case "paths":
        return report({ type: "paths", kinds: await pathKinds() });
      case "collect":
        return report({
          type: "latencies",
          values: latencies,
          late: musician?.session.lateNotes ?? 0,
        });
      case "play":
        return play(command);
      case "held":
        return report({ type: "held", held: listener?.held() ?? {} });
      case "bytes":
        return report({ type: "bytes", sent: await bytesSent() });
      case "onsets":
        return report({ type: "onsets", onsets: listener?.onsets ?? [] });
      case "leave":
        return leave();
    }
  };
  run().catch((error: unknown) => report({ type: "error", message: String(error) }));
});
process.on("disconnect", () => process.exit(0));
