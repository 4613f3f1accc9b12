import {
  decodePeerMessage,
  encodePeerMessage,
  newPeerKey,
  PeerMessageType,
  type ClientToServerEvents,
  type PlayMessage,
  type ServerToClientEvents,
  API_PATHS,
  apiUrl,
  recordingPath,
} from "@nicepiano/protocol";
import { ROOM_SOCKET_OPTIONS } from "@nicepiano/client/room";
import { io, type Socket } from "socket.io-client";
import { monotonicMs } from "../bench/benchPeerMessages";
import type { RelayNoteEvents } from "../relayServer";
import { startVirtualMusician, type VirtualMusician } from "../virtualMusician";
import type { UserAccount, WorkerOrders } from "./scenarioMessages";
import type { Chance, PlannedUser } from "./scenarioPlan";
import type { TickRecorder } from "./tickRecorder";

type RelaySocket = Socket<
  ServerToClientEvents & RelayNoteEvents,
  ClientToServerEvents & RelayNoteEvents
>;

/** How long a newcomer may take to open channels with everyone before it counts as failed. */
const CHANNELS_TIMEOUT_MS = 30_000;

/** How a user's notes travel and how it stays in its room. */
interface Link {
  readonly socket: Socket;
  /** In its room on the current connection. */
  readonly inRoom: boolean;
  send(message: PlayMessage): void;
  close(): void;
}

/**
 * One virtual user of the scenario: joins its room, then sends one event every
 * `eventEveryMs` (a note, or a recording list or fetch over HTTP), and each second may
 * lose its connection and reconnect at once. Notes it receives are timed on arrival.
 */
export class ScenarioUser {
  readonly #orders: WorkerOrders;
  readonly #user: PlannedUser & { account: UserAccount };
  readonly #url: string;
  readonly #recorder: TickRecorder;
  readonly #chance: Chance;
  #link: Link | undefined;
  #timers: NodeJS.Timeout[] = [];
  #sent = 0;
  #stopped = false;

  constructor(
    orders: WorkerOrders,
    user: PlannedUser & { account: UserAccount },
    recorder: TickRecorder,
    chance: Chance,
  ) {
    this.#orders = orders;
    this.#user = user;
    this.#url = orders.urls[user.index % orders.urls.length]!;
    this.#recorder = recorder;
    this.#chance = chance;
  }

  get inRoom(): boolean {
    return this.#link?.inRoom ?? false;
  }

  async start(): Promise<void> {
    const started = monotonicMs();
    try {
      this.#link =
        this.#orders.mode === "p2p"
          ? await this.#joinMesh(started)
          : await this.#joinRelay(started);
    } catch (error) {
      this.#recorder.failed("join", error);
      return;
    }
    if (this.#stopped) return this.#link.close();
    const { eventEveryMs } = this.#orders;
    const firstEvent = setTimeout(() => {
      this.#timers.push(setInterval(() => this.#event(), eventEveryMs));
      this.#event();
    }, this.#chance.next() * eventEveryMs);
    this.#timers.push(
      firstEvent,
      setInterval(() => this.#maybeReconnect(), 1000),
    );
  }

  /** Leaves and disconnects. Safe to call twice. */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    this.#link?.close();
  }

  /** Joins on the mesh; joined once a channel is open with every member. */
  async #joinMesh(started: number): Promise<Link> {
    const { room, name } = this.#user;
    const musician = await startVirtualMusician(this.#url, room, name);
    musician.session.events.on("play", ({ message }) => this.#arrived(message));
    try {
      await allChannelsOpen(musician);
      this.#recorder.joined(monotonicMs() - started);
    } catch (error) {
      this.#recorder.failed("channels", error);
    }
    return {
      socket: musician.socket,
      get inRoom() {
        return musician.socket.connected && musician.session.self !== undefined;
      },
      send: (message) => void musician.session.send(message),
      close: () => musician.close(),
    };
  }

  /** Joins with notes through the server; joined once the server answers. */
  async #joinRelay(started: number): Promise<Link> {
    const { room, name } = this.#user;
    const key = newPeerKey();
    const socket: RelaySocket = io(this.#url, { ...ROOM_SOCKET_OPTIONS, forceNew: true });
    let joinedOn: string | undefined;
    const join = async () => {
      const answer = await socket.emitWithAck("join", { room, name, key });
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
      joinedOn = socket.id;
    };
    socket.on("latencyPing", (_table, ack) => ack());
    socket.on("note", (bytes) => {
      const message = decodePeerMessage(new Uint8Array(bytes));
      if (message) this.#arrived(message);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once("connect", resolve);
        socket.once("connect_error", reject);
      });
      await join();
      this.#recorder.joined(monotonicMs() - started);
    } catch (error) {
      socket.disconnect();
      throw error;
    }
    // After a reconnect the server has forgotten the room: join again, as the client does.
    socket.on("connect", () => {
      if (joinedOn !== socket.id) join().catch((error) => this.#recorder.failed("rejoin", error));
    });
    return {
      socket,
      get inRoom() {
        return socket.connected && joinedOn === socket.id;
      },
      send: (message) => void socket.emit("note", encodePeerMessage(message)),
      close: () => socket.disconnect(),
    };
  }

  #arrived(message: { type: PeerMessageType; t: number }): void {
    if (message.type === PeerMessageType.NoteOn || message.type === PeerMessageType.NoteOff) {
      this.#recorder.noteArrived(monotonicMs() - message.t);
    }
  }

  #event(): void {
    if (this.#chance.next() < this.#orders.noteShare) return this.#note();
    void this.#recordingRequest();
  }

  /** Notes go on and off in turn, walking up the keyboard. */
  #note(): void {
    const note = 21 + (Math.floor(this.#sent / 2) % 88);
    const type = this.#sent % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff;
    this.#sent++;
    this.#link?.send({ type, note, velocity: 80, t: monotonicMs() });
    this.#recorder.noteSent();
  }

  /** Lists the user's recordings or fetches one of them, half and half. */
  async #recordingRequest(): Promise<void> {
    const { token, recordingIds } = this.#user.account;
    const id = recordingIds[Math.floor(this.#chance.next() * recordingIds.length)];
    const list = this.#chance.next() < 0.5 || id === undefined;
    const path = apiUrl(list ? API_PATHS.recordings : recordingPath(id));
    const started = monotonicMs();
    try {
      const response = await fetch(`${this.#url}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      this.#recorder.recordingAnswered(monotonicMs() - started);
    } catch (error) {
      this.#recorder.failed("recording", error);
    }
  }

  #maybeReconnect(): void {
    const link = this.#link;
    if (!link?.inRoom || this.#chance.next() >= this.#orders.reconnectChance) return;
    // As when the network drops: the server sees the transport close, and the client
    // reconnects by itself (ROOM_SOCKET_OPTIONS: after 250 to 750 ms) and rejoins.
    link.socket.io.engine.close();
    this.#recorder.reconnected();
  }
}

/** Resolves once `musician` has an open channel to every member it knows. */
function allChannelsOpen(musician: VirtualMusician): Promise<void> {
  const { session } = musician;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (session.openPeers().length < session.members.size) return;
      finish();
      resolve();
    };
    const finish = () => {
      clearInterval(poll);
      clearTimeout(timer);
      session.events.off("peerState", check);
    };
    const timer = setTimeout(() => {
      finish();
      const open = session.openPeers().length;
      reject(
        new Error(`${open}/${session.members.size} channels open after ${CHANNELS_TIMEOUT_MS} ms`),
      );
    }, CHANNELS_TIMEOUT_MS);
    // Members come and go while we wait (reconnecting users): look again now and then.
    const poll = setInterval(check, 50);
    session.events.on("peerState", check);
    check();
  });
}
