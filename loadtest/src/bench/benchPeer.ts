/**
 * One virtual musician for the benchmarks, in a process of its own, driven over IPC
 * (see benchPeerMessages.ts): joins a room peer to peer or on the relay server, sends
 * notes stamped with the shared monotonic clock, and times the notes it receives.
 */
import { decodePeerMessage, encodePeerMessage, PeerMessageType } from "@nicepiano/protocol";
import { connectionKind, type ConnectionKind } from "@nicepiano/client/mesh";
import { io, type Socket } from "socket.io-client";
import type { RelayClientToServer, RelayServerToClient } from "../relayServer";
import { startVirtualMusician, whenConnectedTo, type VirtualMusician } from "../virtualMusician";
import { monotonicMs, type BenchCommand, type BenchReport } from "./benchPeerMessages";

type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

let musician: VirtualMusician | undefined;
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
    musician = await startVirtualMusician(command.url, command.room, command.name);
    musician.session.events.on("play", ({ message }) => {
      if (message.type === PeerMessageType.NoteOn) latencies.push(monotonicMs() - message.t);
    });
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

function leave(): void {
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
        return report({ type: "latencies", values: latencies });
      case "leave":
        return leave();
    }
  };
  run().catch((error: unknown) => report({ type: "error", message: String(error) }));
});
process.on("disconnect", () => process.exit(0));
