import {
  decodePeerFrame,
  PeerFrameType,
  initiatesTo,
  newPeerKey,
  type RoomControl,
  type RoomSettings,
  type DisplayName,
  type IncomingSignal,
  type JoinAnswer,
  type LatencyTable,
  type Member,
  type Millis,
  type PeerId,
  type Playback,
  type PlayMessage,
  type RoomName,
  type ServerToClientEvents,
  type Account,
} from "@nicepiano/protocol";
import mitt from "mitt";
import type { PeerConnection, PeerFactory } from "../mesh/peerFactory";
import { PeerMesh, type PeerPath, type PeerState } from "../mesh/peerMesh";
import { NoteInbox } from "../notes/noteInbox";
import { NoteSender } from "../notes/noteSender";
import { NOTE_TRANSPORTS, type NoteTransportKind } from "../notes/noteTransports";
import { ROOM_RECONNECT } from "../retry/reconnectPolicy";
import { ClockSync } from "./clockSync";
import { IceServerKeeper } from "./iceServerKeeper";
import { RoomError, RoomRequests, type RoomSocket } from "./roomRequests";

export { RoomError, type RoomSocket } from "./roomRequests";

export type SessionEvents = {
  /** Everyone else in the room, after any change. */
  members: Member[];
  self: Member;
  /** A member is gone: release whatever they held. */
  memberLeft: PeerId;
  play: { from: PeerId; message: PlayMessage };
  peerState: { peer: PeerId; state: PeerState };
  peerRtt: { peer: PeerId; rttMs: Millis };
  serverLatency: LatencyTable;
  playbackStarted: Playback;
  playbackStopped: string;
  /** Back in the room as the same member after a reconnect. */
  rejoined: Member;
  /**
   * The server did not take us back after a reconnect (rate-limited, the room locked or
   * full, no answer): out of the room, trying again in `retryInMs`.
   */
  rejoinFailed: { error: RoomError; retryInMs: Millis };
  /** The room's settings, at join and whenever its owner changes them. */
  settings: RoomSettings;
};

export interface RoomSessionOptions {
  socket: RoomSocket;
  createPeer: PeerFactory;
  clockSyncIntervalMs?: Millis;
  /** This machine's clock; the real one by default. */
  localClock?: () => Millis;
  /** How notes cross data channels: "loss-proof" by default. */
  transport?: NoteTransportKind;
}

/**
 * Clock samples taken right after joining, then one per interval. Joining is when the
 * page is busiest (samples decoding), so steady later samples, of which the quickest
 * wins, keep the shared clock tight: a 2 s interval (was 10 s) took the worst playback
 * spread between two pages from 6–9 ms to under 2 ms (`npm run bench:playback`).
 */
const CLOCK_SAMPLES_AT_JOIN = 5;
const CLOCK_SYNC_INTERVAL_MS = 2000;
/** A rejoin not answered within this is taken as refused, and tried again. */
const REJOIN_TIMEOUT_MS = 5000;
const CLOCK_SAMPLE_TIMEOUT_MS = 5000;

/**
 * One client's membership of a room: the member list, the peer mesh and the shared clock.
 * The socket is injected and stays the caller's; `destroy()` only detaches from it.
 */
export class RoomSession {
  readonly events = mitt<SessionEvents>();
  readonly clock: ClockSync;
  readonly members = new Map<PeerId, Member>();
  readonly latency: LatencyTable = {};
  self: Member | undefined;
  settings: RoomSettings | undefined;
  #mesh: PeerMesh | undefined;
  #joined: { room: RoomName; name: DisplayName; listen: boolean } | undefined;
  /** This player's notes, one frame for every path (peers, server relay, listeners). */
  readonly #sender: NoteSender;
  /** Peers the sender's last fresh frame went to. */
  #sentTo = 0;
  /** Everyone's notes as they arrive, by any path. */
  readonly #inbox: NoteInbox;
  readonly #transport: NoteTransportKind;
  #clockTimer: ReturnType<typeof setInterval> | undefined;
  /**
   * Signals that arrive while our join is in flight: a member who joined just after us
   * can be answered and send its offer before our own answer reaches us.
   */
  #early: IncomingSignal[] = [];
  #joining = false;
  /** Our secret for our member id: the same member again after any reconnect. */
  readonly #key = newPeerKey();
  /** The connection our membership was last confirmed on. */
  #joinedOn: string | undefined;
  /** The room's playbacks as we last heard, to reconcile after a rejoin. */
  readonly #playbacks = new Set<string>();
  readonly #requests: RoomRequests;
  readonly #ice: IceServerKeeper;
  #rejoinTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #options: RoomSessionOptions;
  readonly #detach: () => void;

  constructor(options: RoomSessionOptions) {
    this.#options = options;
    this.clock = new ClockSync(options.localClock);
    this.#requests = new RoomRequests(options.socket);
    this.#ice = new IceServerKeeper(this.#requests, () => this.clock.now());
    this.#transport = options.transport ?? "loss-proof";
    const transport = NOTE_TRANSPORTS[this.#transport];
    this.#sender = new NoteSender((frame, fresh) => this.#deliver(frame, fresh), transport.policy);
    this.#inbox = new NoteInbox(undefined, transport.lateNoteMs);
    const { socket } = options;
    const handlers: Partial<ServerToClientEvents> & { connect: () => void } = {
      latencyPing: (table, ack) => {
        ack();
        this.#heardLatency(table);
      },
      memberJoined: (member) => this.#addMember(member),
      memberUpdated: (member) => this.#addMember(member),
      memberLeft: (id) => this.#removeMember(id),
      relayed: (from, frame) => {
        if (this.self?.listener) this.#heardAsListener(from, new Uint8Array(frame));
        else this.#mesh?.receiveRelayed(from, new Uint8Array(frame));
      },
      signal: (signal) => {
        if (this.#mesh) this.#mesh.signal(signal.from, signal.data);
        else if (this.#joining) this.#early.push(signal);
      },
      playbackStarted: (playback) => this.#playbackStarted(playback),
      playbackStopped: (id) => this.#playbackStopped(id),
      roomSettings: (settings) => this.#useSettings(settings),
      latency: (table) => this.#heardLatency(table),
      // After a reconnect (to this instance or another) the server has forgotten this
      // connection: join again as the same member; the peer connections carry on.
      connect: () => {
        if (this.#joined && this.#mesh && this.#joinedOn !== socket.id) {
          void this.#rejoin().catch(() => {});
        }
      },
    };
    for (const [event, handler] of Object.entries(handlers)) socket.on(event as never, handler);
    this.#detach = () => {
      for (const [event, handler] of Object.entries(handlers)) socket.off(event as never, handler);
    };
  }

  /**
   * Joins `room` (leaving any other), then connects to every player. With `listen` (or
   * when the room has all the players it takes) as a listener: no peer connections, the
   * players' notes come through the server.
   */
  async join(room: RoomName, name: DisplayName, listen = false): Promise<JoinAnswer> {
    this.#reset();
    this.#joining = true;
    const { socket } = this.#options;
    let answer: JoinAnswer;
    try {
      answer = await this.#requests.join({
        room,
        name,
        key: this.#key,
        ...(listen ? { listen } : {}),
      });
    } catch (error) {
      this.#early = [];
      throw error;
    } finally {
      this.#joining = false;
    }
    const { self, members, latency } = answer;
    this.#joined = { room, name, listen: self.listener === true };
    this.#joinedOn = socket.id;
    this.self = self;
    this.#useSettings(answer.settings);
    this.events.emit("self", self);
    Object.assign(this.latency, latency);
    this.#ice.use(answer.iceServers, answer.iceServersExpireAt);
    const mesh = this.#createMesh();
    this.#mesh = mesh;
    for (const member of members) this.members.set(member.id, member);
    for (const member of this.members.values()) this.#connect(member);
    // Offers from members who joined just after us, sent before our answer came.
    for (const { from, data } of this.#early) mesh.signal(from, data);
    this.#early = [];
    this.events.emit("members", [...this.members.values()]);
    for (const playback of answer.playbacks) this.#playbackStarted(playback);
    this.#syncClock(CLOCK_SAMPLES_AT_JOIN);
    this.#clockTimer = setInterval(
      () => this.#syncClock(1),
      this.#options.clockSyncIntervalMs ?? CLOCK_SYNC_INTERVAL_MS,
    );
    return answer;
  }

  /**
   * Sends a play message to every player (by channel or through the server) and, once,
   * to the server for the room's listeners; returns how many players it went to. A
   * listener's playing is its own: it sends nothing.
   */
  send(message: PlayMessage): number {
    if (!this.#mesh || this.self?.listener) return 0;
    this.#sentTo = 0;
    this.#sender.send(message);
    return this.#sentTo;
  }

  /** Note-ons from others not played because they came too late, since joining. */
  get lateNotes(): number {
    return this.#inbox.lateNotes;
  }

  peerState(peer: PeerId): PeerState | undefined {
    return this.#mesh?.stateOf(peer);
  }

  /** How notes to `peer` travel now: its data channel, or through the server. */
  pathOf(peer: PeerId): PeerPath {
    return this.#mesh?.pathOf(peer) ?? "none";
  }

  /** The peer connection to `peer`, while there is one (for its statistics). */
  connectionOf(peer: PeerId): PeerConnection | undefined {
    return this.#mesh?.connectionOf(peer);
  }

  openPeers(): PeerId[] {
    return this.#mesh?.openPeers() ?? [];
  }

  /** Asks the server to change the room (only its owner may: `RoomError` "not-owner"). */
  async control(request: RoomControl): Promise<RoomSettings> {
    return this.#requests.control(request);
  }

  async rename(name: DisplayName): Promise<Member> {
    const self = await this.#requests.rename(name);
    this.self = self;
    if (this.#joined) this.#joined.name = self.name;
    this.events.emit("self", self);
    return self;
  }

  /** Plays one of the signed-in player's recordings into the room, for everyone. */
  async play(recordingId: string, loop: boolean): Promise<Playback> {
    return this.#requests.play(recordingId, loop);
  }

  async stopPlayback(playbackId: string): Promise<void> {
    return this.#requests.stopPlayback(playbackId);
  }

  /** Signs the socket in with `token`, or out with null, without reconnecting. */
  async authenticate(token: string | null): Promise<Account | null> {
    return this.#requests.authenticate(token);
  }

  async leave(): Promise<void> {
    this.#reset();
    await this.#requests.leave();
  }

  /** Closes every peer connection and detaches from the socket. Safe to call twice. */
  destroy(): void {
    this.#reset();
    this.#sender.destroy();
    this.#detach();
    this.events.all.clear();
  }

  /** Round trips the server measured: merged with those of other instances. */
  #heardLatency(table: LatencyTable): void {
    if (Object.keys(table).length === 0) return;
    Object.assign(this.latency, table);
    this.events.emit("serverLatency", this.latency);
  }

  #useSettings(settings: RoomSettings): void {
    this.settings = settings;
    this.events.emit("settings", settings);
  }

  /** A frame of this player's: to every peer, and once (fresh) for the room's listeners. */
  #deliver(frame: Uint8Array, fresh: boolean): void {
    if (!this.#mesh) return;
    if (fresh && this.#hasListeners()) this.#options.socket.emit("toListeners", frame);
    const sentTo = this.#mesh.sendFrame(frame, fresh);
    if (fresh) this.#sentTo = sentTo;
  }

  #createMesh(): PeerMesh {
    const { socket, createPeer } = this.#options;
    const mesh = new PeerMesh({
      createPeer,
      inbox: this.#inbox,
      channelConfig: NOTE_TRANSPORTS[this.#transport].channelConfig,
      iceServers: () => this.#ice.current,
      relay: (to, frame) => socket.emit("relay", to, frame),
      sendSignal: (to, data) => {
        socket.emit("signal", { to, data }, () => {});
      },
    });
    mesh.events.on("play", (event) => this.events.emit("play", event));
    mesh.events.on("state", (event) => this.events.emit("peerState", event));
    mesh.events.on("rtt", (event) => this.events.emit("peerRtt", event));
    return mesh;
  }

  /**
   * Joins the same room again as the same member after a reconnect, keeping the mesh:
   * members who left meanwhile are dropped, newcomers connected, playbacks brought up
   * to date. The others see us join again under our id and keep their channels to us.
   */
  async #rejoin(attempt = 0): Promise<void> {
    const { socket } = this.#options;
    const joined = this.#joined!;
    const { room, name, listen } = joined;
    clearTimeout(this.#rejoinTimer);
    let answer: JoinAnswer;
    try {
      answer = await this.#requests.join(
        {
          room,
          name,
          key: this.#key,
          ...(listen ? { listen } : {}),
          ...(this.self && !listen ? { color: this.self.color } : {}),
        },
        REJOIN_TIMEOUT_MS,
      );
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
    const { self, members, latency, playbacks } = answer;
    this.#joinedOn = socket.id;
    this.#ice.use(answer.iceServers, answer.iceServersExpireAt);
    this.self = self;
    this.#useSettings(answer.settings);
    this.events.emit("self", self);
    // One missing from the answer left while we were away, unless our channel to them
    // is still open: then they are reconnecting too, and will be back.
    const present = new Set(members.map((member) => member.id));
    const open = new Set(this.openPeers());
    for (const id of [...this.members.keys()]) {
      if (!present.has(id) && !open.has(id)) this.#removeMember(id);
    }
    for (const member of members) this.#addMember(member);
    Object.assign(this.latency, latency);
    const playing = new Set(playbacks.map((playback) => playback.id));
    for (const id of [...this.#playbacks]) if (!playing.has(id)) this.#playbackStopped(id);
    for (const playback of playbacks) this.#playbackStarted(playback);
    this.events.emit("rejoined", self);
  }

  #playbackStarted(playback: Playback): void {
    if (this.#playbacks.has(playback.id)) return;
    this.#playbacks.add(playback.id);
    this.events.emit("playbackStarted", playback);
  }

  #playbackStopped(id: string): void {
    if (!this.#playbacks.delete(id)) return;
    this.events.emit("playbackStopped", id);
  }

  #addMember(member: Member): void {
    if (member.id === this.self?.id) return;
    const known = this.members.has(member.id);
    this.members.set(member.id, member);
    if (!known) this.#connect(member);
    this.events.emit("members", [...this.members.values()]);
  }

  /** Whether anyone in the room listens (on the note path: no copy of the member list). */
  #hasListeners(): boolean {
    for (const member of this.members.values()) if (member.listener) return true;
    return false;
  }

  /** Players connect to players; listeners to nobody. */
  #connect(member: Member): void {
    if (!this.self || this.self.listener || member.listener) return;
    this.#mesh?.connect(member.id, initiatesTo(this.self, member));
  }

  /** A player's frame for the listeners, through the server: each event taken once. */
  #heardAsListener(from: PeerId, bytes: Uint8Array): void {
    const player = this.members.get(from);
    const frame = decodePeerFrame(bytes);
    if (!player || player.listener || frame?.type !== PeerFrameType.Notes) return;
    for (const message of this.#inbox.take(from, frame))
      this.events.emit("play", { from, message });
  }

  #removeMember(id: PeerId): void {
    this.#inbox.forget(id);
    if (!this.members.delete(id)) return;
    this.#mesh?.disconnect(id);
    delete this.latency[id];
    this.events.emit("memberLeft", id);
    this.events.emit("members", [...this.members.values()]);
  }

  /** Takes clock samples one after another; a lost answer only costs that sample. */
  #syncClock(samples: number): void {
    const { socket } = this.#options;
    const takeSample = async () => {
      for (let i = 0; i < samples && this.#mesh && socket.connected; i++) {
        const sentAt = this.clock.local();
        const serverTime = await this.#requests.clock(CLOCK_SAMPLE_TIMEOUT_MS);
        this.clock.addSample(sentAt, serverTime, this.clock.local());
      }
    };
    takeSample().catch(() => {});
  }

  #reset(): void {
    clearInterval(this.#clockTimer);
    clearTimeout(this.#rejoinTimer);
    this.#ice.stop();
    this.#clockTimer = undefined;
    this.#mesh?.destroy();
    this.#mesh = undefined;
    for (const id of this.members.keys()) this.events.emit("memberLeft", id);
    this.members.clear();
    this.self = undefined;
    this.#joined = undefined;
    this.#joinedOn = undefined;
    for (const id of [...this.#playbacks]) this.#playbackStopped(id);
    this.#early = [];
    this.#sender.reset();
    this.#inbox.clear();
  }
}
