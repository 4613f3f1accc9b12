import {
  newPeerKey,
  type RoomSettings,
  type DisplayName,
  type JoinAnswer,
  type JoinRequest,
  type PlayerColor,
  type LatencyTable,
  type Member,
  type PeerId,
  type PlayMessage,
  type RoomName,
} from "@nicepiano/protocol";
import mitt from "mitt";
import type { PeerConnection } from "../mesh/peerFactory";
import type { PeerPath } from "../mesh/peerMesh";
import { ROOM_RECONNECT } from "../retry/reconnectPolicy";
import { ClockSampler } from "./clockSampler";
import { PingWatchdog } from "./pingWatchdog";
import { ClockSync } from "./clockSync";
import { IceServerKeeper } from "./iceServerKeeper";
import { PlaybackRegister } from "./playbackRegister";
import { RoomNotes } from "./roomNotes";
import { RoomPeers } from "./roomPeers";
import { RoomStore } from "./roomStore";
import { RoomError, RoomRequests, type RoomHandlers } from "./roomRequests";
import type { RoomSessionOptions, SessionEvents } from "./sessionEvents";

export { RoomError, type RoomSocket } from "./roomRequests";
export { RoomStore } from "./roomStore";
export type { RoomSessionOptions, SessionEvents } from "./sessionEvents";

interface Joined {
  room: RoomName;
  name: DisplayName;
  listen: boolean;
}

/** A rejoin not answered within this is taken as refused, and tried again. */
const REJOIN_TIMEOUT_MS = 5000;

/**
 * One client's membership of a room: the member list, the peer mesh and the shared clock.
 * The socket is injected and stays the caller's; `destroy()` only detaches from it.
 */
export class RoomSession {
  readonly events = mitt<SessionEvents>();
  readonly clock: ClockSync;
  /** What we know of the room: the one copy, which views read. */
  readonly store = new RoomStore();
  readonly #peers: RoomPeers;
  #joined: Joined | undefined;
  /** This player's notes out, and everyone's in, by every path. */
  readonly #notes: RoomNotes;
  readonly #clockSampler: ClockSampler;
  /** Our secret for our member id: the same member again after any reconnect. */
  readonly #key = newPeerKey();
  /** The connection our membership was last confirmed on. */
  #joinedOn: string | undefined;
  readonly #playbacks = new PlaybackRegister(
    (playback) => this.events.emit("playbackStarted", playback),
    (id) => this.events.emit("playbackStopped", id),
  );
  /**
   * The server's requests (controls, playbacks, sign-in), each refusal a RoomError; the
   * ones that change membership go through the session.
   */
  readonly requests: RoomRequests;
  readonly #ice: IceServerKeeper;
  /** Drops a connection the server's pings stopped coming over. */
  readonly #watchdog: PingWatchdog;
  #rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #options: RoomSessionOptions;
  readonly #detach: () => void;

  constructor(options: RoomSessionOptions) {
    this.#options = options;
    this.clock = new ClockSync(options.localClock);
    this.requests = new RoomRequests(options.socket);
    this.#ice = new IceServerKeeper(this.requests, () => this.clock.now());
    const { socket } = options;
    this.#watchdog = new PingWatchdog(() => {
      if (socket.connected) socket.io.engine?.close();
    });
    this.#clockSampler = new ClockSampler(this.requests, this.clock, options.clockSyncIntervalMs);
    this.#notes = new RoomNotes(options.transport ?? "loss-proof", {
      toPlayers: (frame, fresh) => this.#peers.sendFrame(frame, fresh),
      toListeners: (frame) => socket.emit("toListeners", frame),
      members: this.members,
    });
    this.#peers = new RoomPeers(options, this.#notes, this.#ice, this.events, this.store);
    const handlers: RoomHandlers = {
      latencyPing: (table, ack) => {
        ack();
        this.#heardLatency(table);
      },
      clockPing: (ping, ack) => {
        const receivedAt = this.clock.local();
        ack();
        this.#watchdog.heard(ping.nextInMs);
        this.#clockSampler.heardPing(ping, receivedAt);
        this.#heardLatency(ping.latency);
      },
      memberJoined: (member) => this.#addMember(member),
      memberUpdated: (member) => this.#addMember(member),
      memberLeft: (id) => this.#removeMember(id),
      relayed: (from, frame) => {
        if (this.self?.listener) this.#heardAsListener(from, new Uint8Array(frame));
        else this.#peers.receiveRelayed(from, new Uint8Array(frame));
      },
      signal: (signal) => this.#peers.signal(signal),
      playbackStarted: (playback) => this.#playbacks.started(playback),
      playbackStopped: (id) => this.#playbacks.stopped(id),
      roomSettings: (settings) => this.#useSettings(settings),
      chat: (message) => this.store.addChat(message),
      panic: (by) => this.events.emit("panic", by),
      promoted: () => this.events.emit("promoted"),
      // The server sheds players to even the instances out: drop the connection as a
      // network would; Socket.IO reconnects through the balancer and we rejoin as
      // ourselves (the peer connections carry on).
      reconnectElsewhere: () => socket.io.engine?.close(),
      latency: (table) => this.#heardLatency(table),
      // After a reconnect (to this instance or another) the server has forgotten this
      // connection: join again as the same member; the peer connections carry on.
      connect: () => {
        if (this.#joined && this.#peers.started && this.#joinedOn !== socket.id) {
          void this.#rejoin().catch(() => {});
        }
      },
      disconnect: () => this.#watchdog.stop(),
    };
    this.#detach = this.requests.listen(handlers);
  }

  /**
   * Joins `room` (leaving any other), then connects to every player. With `listen` (or
   * when the room has all the players it takes) as a listener: no peer connections, the
   * players' notes come through the server.
   */
  async join(room: RoomName, name: DisplayName, listen = false): Promise<JoinAnswer> {
    this.#reset();
    this.#peers.expectJoin();
    let answer: JoinAnswer;
    try {
      answer = await this.requests.join(this.#joinRequest({ room, name, listen }));
    } catch (error) {
      this.#peers.joinFailed();
      throw error;
    }
    const { self, members } = answer;
    this.#joined = { room, name, listen: self.listener === true };
    this.#useAnswer(answer);
    for (const member of members) this.store.putMember(member);
    this.#peers.start(this.members.values());
    this.#playbacks.reconcile(answer.playbacks);
    this.#clockSampler.start();
    return answer;
  }

  /**
   * Sends a play message to every player (by channel or through the server) and, once,
   * to the server for the room's listeners; returns how many players it went to. A
   * listener's playing is its own: it sends nothing.
   */
  send(message: PlayMessage): number {
    if (!this.#peers.started || this.self?.listener) return 0;
    return this.#notes.send(message);
  }

  /** Note-ons from others not played because they came too late, since joining. */
  get lateNotes(): number {
    return this.#notes.lateNotes;
  }

  get self(): Member | undefined {
    return this.store.self;
  }

  /** Everyone in the room but us. */
  get members(): ReadonlyMap<PeerId, Member> {
    return this.store.members;
  }

  get settings(): RoomSettings | undefined {
    return this.store.settings;
  }

  /** How notes to `peer` travel now: its data channel, or through the server. */
  pathOf(peer: PeerId): PeerPath {
    return this.#peers.pathOf(peer);
  }

  /** The peer connection to `peer`, while there is one (for its statistics). */
  connectionOf(peer: PeerId): PeerConnection | undefined {
    return this.#peers.connectionOf(peer);
  }

  openPeers(): PeerId[] {
    return this.#peers.openPeers();
  }

  async rename(name: DisplayName): Promise<Member> {
    const self = await this.requests.rename(name);
    this.store.setSelf(self);
    if (this.#joined) this.#joined.name = self.name;
    this.events.emit("self", self);
    return self;
  }

  async leave(): Promise<void> {
    this.#reset();
    await this.requests.leave();
  }

  /** Closes every peer connection and detaches from the socket. Safe to call twice. */
  destroy(): void {
    this.#reset();
    this.#notes.destroy();
    this.#detach();
    this.events.all.clear();
  }

  /** Round trips the server measured: merged with those of other instances. */
  #heardLatency(table: LatencyTable): void {
    if (Object.keys(table).length === 0) return;
    this.store.mergeLatency(table);
  }

  /** What a join's answer says of us and the room, the first time or again. */
  #useAnswer(answer: JoinAnswer): void {
    this.#joinedOn = this.#options.socket.id;
    this.#ice.use(answer.iceServers, answer.iceServersExpireAt);
    this.store.setSelf(answer.self);
    this.#useSettings(answer.settings);
    this.store.setChat(answer.chat);
    this.events.emit("self", answer.self);
    this.store.mergeLatency(answer.latency);
  }

  #useSettings(settings: RoomSettings): void {
    this.store.setSettings(settings);
    this.events.emit("settings", settings);
  }

  /**
   * Joins the same room again as the same member after a reconnect, keeping the mesh:
   * members who left meanwhile are dropped, newcomers connected, playbacks brought up
   * to date. The others see us join again under our id and keep their channels to us.
   */
  async #rejoin(attempt = 0): Promise<void> {
    const { socket } = this.#options;
    const joined = this.#joined!;
    clearTimeout(this.#rejoinTimer);
    const color = joined.listen ? undefined : this.self?.color;
    let answer: JoinAnswer;
    try {
      answer = await this.requests.join(this.#joinRequest(joined, color), REJOIN_TIMEOUT_MS);
    } catch (reason) {
      if (this.#joined !== joined) return;
      const error =
        reason instanceof RoomError ? reason : new RoomError("internal", String(reason));
      const retryInMs = ROOM_RECONNECT.nextDelayMs(attempt);
      this.events.emit("rejoinFailed", { error, retryInMs });
      this.#rejoinTimer = setTimeout(() => {
        if (this.#joined === joined && socket.connected) void this.#rejoin(attempt + 1);
      }, retryInMs);
      return;
    }
    if (this.#joined !== joined) return;
    const { members, playbacks } = answer;
    this.#useAnswer(answer);
    // One missing from the answer left while we were away, unless our channel to them
    // is still open: then they are reconnecting too, and will be back.
    const present = new Set(members.map((member) => member.id));
    const open = new Set(this.openPeers());
    for (const id of [...this.members.keys()]) {
      if (!present.has(id) && !open.has(id)) this.#removeMember(id);
    }
    for (const member of members) this.#addMember(member);
    this.#playbacks.reconcile(playbacks);
    this.events.emit("rejoined", answer.self);
  }

  /** What we join with: the same key every time, so the same member after a reconnect. */
  #joinRequest({ room, name, listen }: Joined, color?: PlayerColor): JoinRequest {
    const request = {
      room,
      name,
      key: this.#key,
      clockInPings: true,
      ...(listen ? { listen } : {}),
    };
    return color ? { ...request, color } : request;
  }

  #addMember(member: Member): void {
    if (member.id === this.self?.id) return;
    if (this.store.putMember(member)) this.#peers.connect(member);
  }

  /** A player's frame for the listeners, through the server: each event taken once. */
  #heardAsListener(from: PeerId, bytes: Uint8Array): void {
    for (const message of this.#notes.takeAsListener(from, bytes)) {
      this.events.emit("play", { from, message });
    }
  }

  #removeMember(id: PeerId): void {
    this.#notes.inbox.forget(id);
    if (!this.store.removeMember(id)) return;
    this.#peers.disconnect(id);
    this.events.emit("memberLeft", id);
  }

  #reset(): void {
    this.#clockSampler.stop();
    this.#watchdog.stop();
    clearTimeout(this.#rejoinTimer);
    this.#ice.stop();
    this.#peers.stop();
    for (const id of this.members.keys()) this.events.emit("memberLeft", id);
    this.store.clearMembers();
    this.store.setSelf(undefined);
    this.#joined = undefined;
    this.#joinedOn = undefined;
    this.#playbacks.reconcile([]);
    this.#notes.reset();
  }
}
