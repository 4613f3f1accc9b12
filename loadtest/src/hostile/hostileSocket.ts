import { io, type Socket } from "socket.io-client";
import type { Junk } from "./junk";

/** What a hostile client aims at: the honest room and its members, among others. */
export interface FuzzTargets {
  url: string;
  rooms: readonly string[];
  peers: readonly string[];
}

/** What one hostile client sent and what came back. */
export interface FuzzTally {
  sent: number;
  /** Answers by error code (`ok` for a success). */
  answers: Record<string, number>;
  /** Times the server sent it away (`kicked`), closed it (message too large) or refused it. */
  kicked: number;
  dropped: number;
  refusedConnections: number;
}

interface JunkEvent {
  event: string;
  args: unknown[];
}

const FORGED_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiIsImV4cCI6OTk5OTk5OTk5OX0.Zm9yZ2Vk";

/** One event a broken or hostile client might send: mostly real names, wrong payloads. */
export function junkEvent(junk: Junk, targets: FuzzTargets): JunkEvent {
  const peer = () => (junk.int(4) === 0 ? junk.string(30) : junk.pick(targets.peers));
  const room = () => (junk.int(4) === 0 ? junk.string(60) : junk.pick(targets.rooms));
  switch (junk.int(11)) {
    case 0:
      return { event: junk.string(24), args: [junk.value()] };
    case 1:
      return {
        event: "join",
        args: [junk.int(2) === 0 ? junk.value() : { room: room(), name: junk.string(40) }],
      };
    case 2:
      return {
        event: "signal",
        args: [
          junk.int(2) === 0
            ? { to: peer(), data: junk.value() }
            : { to: peer(), data: { type: "offer", sdp: junk.string(3000) } },
        ],
      };
    case 3:
      return { event: "relay", args: [peer(), junk.int(2) === 0 ? junk.bytes(300) : junk.value()] };
    case 4:
      return { event: "rename", args: [junk.value()] };
    case 5:
      return { event: "play", args: [{ recordingId: junk.string(40), loop: junk.value() }] };
    case 6:
      return { event: "stopPlayback", args: [junk.value()] };
    case 7:
      return { event: "authenticate", args: [junk.int(2) === 0 ? FORGED_TOKEN : junk.value()] };
    case 8:
      return { event: junk.pick(["clock", "iceServers", "leave"]), args: [junk.value()] };
    case 9:
      return { event: junk.pick(["join", "signal", "rename"]), args: [] };
    default:
      return { event: "flood", args: [] };
  }
}

/**
 * A hostile client: junk events (a flood is 200 of them), each written on an open
 * connection, from `localAddress`, connecting again whenever the server sends it away,
 * for as long as `keepGoing()` says.
 */
export async function runHostileSocket(
  targets: FuzzTargets,
  junk: Junk,
  keepGoing: (tally: FuzzTally) => boolean,
  localAddress: string,
): Promise<FuzzTally> {
  const tally: FuzzTally = { sent: 0, answers: {}, kicked: 0, dropped: 0, refusedConnections: 0 };
  const answered = (answer: unknown) => {
    const code =
      typeof answer === "object" && answer !== null && "error" in answer
        ? String((answer as { error: { code: string } }).error.code)
        : "ok";
    tally.answers[code] = (tally.answers[code] ?? 0) + 1;
  };
  const emit = (socket: Socket, { event, args }: JunkEvent) => {
    tally.sent++;
    // Half want an answer, which the server must give (or time out for dropped events).
    if (junk.int(2) === 0) socket.emit(event, ...args);
    else
      socket.timeout(2000).emit(event, ...args, (error: Error | null, answer: unknown) => {
        if (!error) answered(answer);
      });
  };
  let socket: Socket | undefined;
  try {
    while (keepGoing(tally)) {
      if (!socket?.connected) {
        socket?.close();
        socket = await connect(targets.url, localAddress);
        if (!socket) {
          tally.refusedConnections++;
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        socket.on("kicked", () => tally.kicked++);
        socket.on("disconnect", () => tally.dropped++);
      }
      const event = junkEvent(junk, targets);
      const burst = event.event === "flood" ? 200 : 1;
      for (let i = 0; i < burst && socket.connected && keepGoing(tally); i++) {
        emit(socket, event.event === "flood" ? { event: "rename", args: [`flood ${i}`] } : event);
        // Let the socket write and read (and hear that it was sent away) every few.
        if (tally.sent % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  } finally {
    socket?.close();
  }
  return tally;
}

/** A socket from `localAddress`, or undefined when the server refuses it. */
function connect(url: string, localAddress: string): Promise<Socket | undefined> {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    // Handed by engine.io-client to Node's WebSocket (not in socket.io-client's types).
    ...({ localAddress } as object),
  });
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", () => {
      socket.close();
      resolve(undefined);
    });
  });
}
