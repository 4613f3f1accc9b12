import {
  initiatesTo,
  type IncomingSignal,
  type Member,
  type PeerId,
  type SignalData,
} from "@nicepiano/protocol";
import type { Emitter } from "mitt";
import { connectionKind } from "../mesh/connectionKind";
import type { PeerConnection } from "../mesh/peerFactory";
import { PeerMesh, type PeerPath } from "../mesh/peerMesh";
import type { IceServerKeeper } from "./iceServerKeeper";
import type { RoomNotes } from "./roomNotes";
import type { RoomStore } from "./roomStore";
import { StrangerSignals } from "./strangerSignals";
import type { RoomSessionOptions, SessionEvents } from "./sessionEvents";

/**
 * A member's peer connections in its room: a mesh for each stay, started once the join
 * is answered. Signals that come while the join is in flight are kept and replayed then:
 * a member who joins a moment after us can be answered, and send its offer, before our
 * own answer reaches us. Each link's state, round trip and kind go to the store.
 */
export class RoomPeers {
  readonly #options: RoomSessionOptions;
  readonly #notes: RoomNotes;
  readonly #ice: IceServerKeeper;
  readonly #events: Emitter<SessionEvents>;
  readonly #store: RoomStore;
  #mesh: PeerMesh | undefined;
  /** Signals kept while a join is in flight (undefined when none is). */
  #early: IncomingSignal[] | undefined;
  /** Signals from ids not (yet) in the room. */
  readonly #unknown = new StrangerSignals();

  constructor(
    options: RoomSessionOptions,
    notes: RoomNotes,
    ice: IceServerKeeper,
    events: Emitter<SessionEvents>,
    /** Where the links' states go; who we are there decides who starts each connection. */
    store: RoomStore,
  ) {
    this.#store = store;
    this.#options = options;
    this.#notes = notes;
    this.#ice = ice;
    this.#events = events;
  }

  /** Whether a mesh is running (we are in a room). */
  get started(): boolean {
    return this.#mesh !== undefined;
  }

  /** A join is on its way: keep the signals that come meanwhile. */
  expectJoin(): void {
    this.#early = [];
  }

  /** The join was refused: nothing to replay. */
  joinFailed(): void {
    this.#early = undefined;
  }

  /** In the room: a fresh mesh, connected to `members`, early signals replayed. */
  start(members: Iterable<Member>): void {
    const early = this.#early;
    this.stop();
    this.#mesh = this.#createMesh();
    for (const member of members) this.connect(member);
    for (const signal of early ?? []) this.signal(signal);
  }

  /**
   * A signal from a member of the room. One from anybody else is not answered: it waits
   * a moment (a newcomer's offer may overtake the news of its arrival, from another
   * instance) and goes unless they join meanwhile.
   */
  signal({ from, data }: { from: PeerId; data: SignalData }): void {
    if (!this.#mesh) return void this.#early?.push({ from, data });
    if (this.#store.members.has(from)) return this.#mesh.signal(from, data);
    this.#unknown.keep(from, data);
  }

  /** Players connect to players; listeners to nobody. */
  connect(member: Member): void {
    const self = this.#store.self;
    if (!self || self.listener || member.listener) return;
    this.#mesh?.connect(member.id, initiatesTo(self, member));
    for (const data of this.#unknown.take(member.id)) this.#mesh?.signal(member.id, data);
  }

  disconnect(peer: PeerId): void {
    this.#mesh?.disconnect(peer);
  }

  sendFrame(frame: Uint8Array, fresh: boolean): number {
    return this.#mesh?.sendFrame(frame, fresh) ?? 0;
  }

  receiveRelayed(from: PeerId, frame: Uint8Array): void {
    this.#mesh?.receiveRelayed(from, frame);
  }

  pathOf(peer: PeerId): PeerPath {
    return this.#mesh?.pathOf(peer) ?? "none";
  }

  connectionOf(peer: PeerId): PeerConnection | undefined {
    return this.#mesh?.connectionOf(peer);
  }

  openPeers(): PeerId[] {
    return this.#mesh?.openPeers() ?? [];
  }

  stop(): void {
    this.#unknown.clear();
    this.#mesh?.destroy();
    this.#mesh = undefined;
    this.#early = undefined;
  }

  #createMesh(): PeerMesh {
    const { socket, createPeer } = this.#options;
    const mesh = new PeerMesh({
      createPeer,
      inbox: this.#notes.inbox,
      channelConfig: this.#notes.channelConfig,
      iceServers: () => this.#ice.current,
      relay: (to, frame) => socket.emit("relay", to, frame),
      // Without an acknowledgement: the server answers a signal only when asked, and the
      // page has nothing to do with the answer (a newcomer to a room of 18 sends about
      // 170 signals: each answer was a write of the server's, BENCHMARKS.md, eighth round).
      sendSignal: (to, data) => socket.emit("signal", { to, data }),
    });
    mesh.events.on("play", (event) => this.#events.emit("play", event));
    mesh.events.on("state", (event) => {
      this.#store.updatePeer(event.peer, { state: event.state });
      this.#events.emit("peerState", event);
      void this.#checkKind(mesh, event.peer);
    });
    // An open channel whose statistics named no path yet is looked at again with each
    // round trip (one every couple of seconds). Only then: reading the statistics costs
    // the connection's thread time, and would delay notes.
    mesh.events.on("rtt", (event) => {
      this.#store.updatePeer(event.peer, { rttMs: event.rttMs });
      this.#events.emit("peerRtt", event);
      if (this.#store.peer(event.peer)?.kind === "connecting") {
        void this.#checkKind(mesh, event.peer);
      }
    });
    return mesh;
  }

  /** How notes reach `peer` now, into the store while they are still a member. */
  async #checkKind(mesh: PeerMesh, peer: PeerId): Promise<void> {
    const kind = await connectionKind(mesh.pathOf(peer), mesh.connectionOf(peer));
    if (this.#mesh === mesh && this.#store.members.has(peer)) {
      if (this.#store.peer(peer)?.kind !== kind) this.#store.updatePeer(peer, { kind });
    }
  }
}
