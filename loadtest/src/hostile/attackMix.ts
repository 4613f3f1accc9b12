import {
  API_PATHS,
  apiUrl,
  encodeNoteFrame,
  LIMITS,
  PeerMessageType,
  type RecordingAnswer,
  type RecordingSummary,
  type SignInAnswer,
} from "@nicepiano/protocol";
import { io, type Socket } from "socket.io-client";
import { takeOf, post } from "../scenario/scenarioAccounts";

/** What one attack sent and what came back, by answer (`ok`, an error code, an HTTP status). */
export interface AttackTally {
  sent: number;
  answers: Record<string, number>;
}

/** The attacks of the second hardening, each from addresses of its own. */
export interface AttackMixReport {
  /** Four sockets of one account starting and stopping looping playbacks of a long take. */
  playbacks: AttackTally;
  /** New Socket.IO connections from one address, as fast as they are answered. */
  handshakes: AttackTally;
  /** The room's listeners, and the frames a player floods them with. */
  fanOut: AttackTally & { listeners: number; framesHeard: number };
  /** Sign-ins and saves with bodies far over their limits. */
  bodies: AttackTally;
}

const tally = (): AttackTally => ({ sent: 0, answers: {} });
const count = (into: AttackTally, answer: string) => {
  into.answers[answer] = (into.answers[answer] ?? 0) + 1;
};
const codeOf = (answer: unknown) =>
  typeof answer === "object" && answer !== null && "error" in answer
    ? String((answer as { error: { code: string } }).error.code)
    : "ok";
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A connected socket from `localAddress`, or the reason it was refused. */
function connect(url: string, localAddress: string, token?: string): Promise<Socket | string> {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    ...(token ? { auth: { token } } : {}),
    // Handed by engine.io-client to Node's WebSocket (not in socket.io-client's types).
    ...({ localAddress } as object),
  });
  // Its pings answered, as an attacker who means to stay answers them: one that does not
  // is taken for gone and closed (as every unanswering member is).
  socket.on("latencyPing", (_table: unknown, ack: () => void) => ack());
  socket.on("clockPing", (_ping: unknown, ack: () => void) => ack());
  return new Promise((resolve) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.close();
      resolve(error.message || "refused");
    });
  });
}

/** The attacks of the mix, by name (`--attacks` of the bench). */
export const MIX_ATTACKS = ["playbacks", "handshakes", "fanout", "bodies"] as const;
export type MixAttack = (typeof MIX_ATTACKS)[number];

export interface AttackMixTargets {
  url: string;
  room: string;
  /** Floods the room's listeners (a member of the room, so its frames reach them). */
  player: Socket;
  /** Which attacks to run. */
  attacks: readonly MixAttack[];
}

/**
 * Starts the attacks, which run as long as the process does (the bench kills it);
 * `report()` says how far each got. Ready once the account has its take and the
 * listeners are in the room.
 */
export async function startAttackMix({ url, room, player, attacks }: AttackMixTargets) {
  const report: AttackMixReport = {
    playbacks: tally(),
    handshakes: tally(),
    fanOut: { ...tally(), listeners: 0, framesHeard: 0 },
    bodies: tally(),
  };

  // One account, one long take: 10,000 notes (20,000 events).
  const { token } = await post<SignInAnswer>(`${url}${apiUrl(API_PATHS.signUp)}`, {
    username: `mallory-${Date.now()}`,
    password: "mallory's password",
  });
  const saved = await post<RecordingAnswer<RecordingSummary>>(
    `${url}${apiUrl(API_PATHS.recordings)}`,
    takeOf("Mallory's tape", 10_000),
    token,
  );
  const recordingId = saved.recording.id;

  // A hundred listeners of the honest room, five from each of twenty addresses.
  for (let i = 0; attacks.includes("fanout") && i < LIMITS.roomListeners; i++) {
    const socket = await connect(url, `127.0.4.${1 + Math.floor(i / 5)}`);
    if (typeof socket === "string") continue;
    socket.on("relayed", () => report.fanOut.framesHeard++);
    const answer: unknown = await socket.emitWithAck("join", { room, name: "ear", listen: true });
    if (codeOf(answer) === "ok") report.fanOut.listeners++;
    else socket.close();
  }

  const playbackFlood = async (i: number) => {
    const socket = await connect(url, `127.0.3.${i + 1}`, token);
    if (typeof socket === "string") return count(report.playbacks, socket);
    const joined: unknown = await socket.emitWithAck("join", { room: "tapes", name: `tape ${i}` });
    if (codeOf(joined) !== "ok") return count(report.playbacks, `join: ${codeOf(joined)}`);
    for (;;) {
      report.playbacks.sent++;
      const answer: unknown = await socket.emitWithAck("play", { recordingId, loop: true });
      count(report.playbacks, codeOf(answer));
      if (codeOf(answer) === "ok") {
        const { id } = (answer as { data: { id: string } }).data;
        await pause(200);
        await socket.emitWithAck("stopPlayback", id);
      }
      await pause(20);
    }
  };

  const handshakeFlood = async () => {
    for (;;) {
      const opened = await Promise.all(Array.from({ length: 20 }, () => connect(url, "127.0.5.1")));
      for (const socket of opened) {
        report.handshakes.sent++;
        count(report.handshakes, typeof socket === "string" ? socket : "accepted");
        if (typeof socket !== "string") socket.close();
      }
      await pause(10);
    }
  };

  const fanOutFlood = async () => {
    let seq = 0;
    for (;;) {
      for (let i = 0; i < 100; i++) {
        seq++;
        const message = { type: PeerMessageType.NoteOn, note: 60, velocity: 1, t: 0 } as const;
        player.emit("toListeners", encodeNoteFrame({ events: [{ seq, message }] }));
        report.fanOut.sent++;
      }
      await pause(20);
    }
  };

  const bodyFlood = async () => {
    const huge = "x".repeat(LIMITS.requestBodyBytes * 16);
    const targets = [
      { path: API_PATHS.signIn, body: { username: "mallory", password: huge } },
      {
        path: API_PATHS.recordings,
        body: { ...takeOf("huge", 1), events: [], name: "x".repeat(3 * 1024 * 1024) },
      },
    ];
    for (;;) {
      for (const { path, body } of targets) {
        report.bodies.sent++;
        const response = await fetch(`${url}${apiUrl(path)}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        }).catch(() => undefined);
        count(report.bodies, response ? `HTTP ${response.status}` : "connection closed");
        await response?.body?.cancel();
      }
    }
  };

  if (attacks.includes("playbacks")) for (const i of [0, 1, 2, 3]) void playbackFlood(i);
  if (attacks.includes("handshakes")) void handshakeFlood();
  if (attacks.includes("fanout")) void fanOutFlood();
  if (attacks.includes("bodies")) void bodyFlood();
  return { report: () => report };
}
