import {
  decodePeerMessage,
  encodePeerMessage,
  PEER_PING_INTERVAL_MS,
  PeerMessageType,
  type IceServer,
  type Millis,
  type PeerId,
  type PlayMessage,
  type SignalData,
} from "@nicepiano/protocol";
import mitt from "mitt";
import type { PeerConnection, PeerFactory } from "./peerFactory";

/**
 * Whether to pass a signal on. Host candidates over TCP are dropped: every TCP candidate
 * doubles the pairs ICE must check, and when eight players open a room at once that
 * halves the time to connect (measured with `npm run bench:join`). UDP host candidates
 * and TURN (which has its own TCP and TLS transports) cover the networks TCP would.
 */
export function isWorthSignalling(data: SignalData): boolean {
  return !(data.type === "candidate" && / tcp /i.test(data.candidate.candidate));
}

export type PeerState = "connecting" | "open" | "closed";

export type MeshEvents = {
  /** A valid play message from a peer. */
  play: { from: PeerId; message: PlayMessage };
  state: { peer: PeerId; state: PeerState };
  /** A round trip to a peer over its data channel. */
  rtt: { peer: PeerId; rttMs: Millis };
  /** Bytes from a peer that were not a valid message; dropped. */
  invalid: { from: PeerId };
  error: { peer: PeerId; error: Error };
};

export interface PeerMeshOptions {
  createPeer: PeerFactory;
  /** The ICE servers for a new connection (TURN credentials are renewed over time). */
  iceServers: () => IceServer[];
  sendSignal: (to: PeerId, data: SignalData) => void;
  pingIntervalMs?: Millis;
}

interface Link {
  connection: PeerConnection;
  state: PeerState;
}

/**
 * A full mesh of data channels, one per other member. Takes signals in through `signal`,
 * hands signals out through the injected `sendSignal`; owns no socket.
 */
export class PeerMesh {
  readonly events = mitt<MeshEvents>();
  readonly #options: PeerMeshOptions;
  readonly #links = new Map<PeerId, Link>();
  readonly #pingTimer: ReturnType<typeof setInterval>;
  #nextPingId = 0;
  #destroyed = false;

  constructor(options: PeerMeshOptions) {
    this.#options = options;
    this.#pingTimer = setInterval(
      () => this.#pingAll(),
      options.pingIntervalMs ?? PEER_PING_INTERVAL_MS,
    );
  }

  /** Starts (initiator) or prepares (responder) a connection to `peer`. Idempotent. */
  connect(peer: PeerId, initiator: boolean): void {
    if (this.#destroyed || this.#links.has(peer)) return;
    const connection = this.#options.createPeer({
      initiator,
      trickle: true,
      config: { iceServers: this.#options.iceServers() },
    });
    const link: Link = { connection, state: "connecting" };
    this.#links.set(peer, link);
    connection.on("signal", (data: SignalData) => {
      if (isWorthSignalling(data)) this.#options.sendSignal(peer, data);
    });
    connection.on("connect", () => this.#setState(peer, link, "open"));
    connection.on("data", (bytes: Uint8Array) => this.#receive(peer, link, bytes));
    const dropThisLink = () => {
      if (this.#links.get(peer) === link) this.disconnect(peer);
    };
    connection.on("close", dropThisLink);
    connection.on("error", (error: Error) => {
      this.events.emit("error", { peer, error });
      dropThisLink();
    });
    this.#setState(peer, link, "connecting");
  }

  /** A signal from `peer`; an offer from a peer not yet known starts a responder. */
  signal(from: PeerId, data: SignalData): void {
    if (this.#destroyed) return;
    if (!this.#links.has(from)) {
      if (data.type !== "offer") return;
      this.connect(from, false);
    }
    // @types/simple-peer wants a full RTCIceCandidate; simple-peer itself takes the init dict.
    this.#links.get(from)?.connection.signal(data as Parameters<PeerConnection["signal"]>[0]);
  }

  /** Sends to every open channel; returns how many peers it went to. */
  send(message: PlayMessage): number {
    const bytes = encodePeerMessage(message);
    let sent = 0;
    for (const link of this.#links.values()) {
      if (link.state === "open" && this.#sendTo(link, bytes)) sent++;
    }
    return sent;
  }

  stateOf(peer: PeerId): PeerState | undefined {
    return this.#links.get(peer)?.state;
  }

  /** The peers whose channel is open. */
  openPeers(): PeerId[] {
    return [...this.#links].filter(([, link]) => link.state === "open").map(([peer]) => peer);
  }

  /** Closes the connection to `peer`. Safe to call for an unknown or closed peer. */
  disconnect(peer: PeerId): void {
    const link = this.#links.get(peer);
    if (!link) return;
    this.#links.delete(peer);
    link.connection.removeAllListeners();
    // simple-peer may still emit an error while closing; keep one listener to swallow it.
    link.connection.on("error", () => {});
    link.connection.destroy();
    this.#setState(peer, link, "closed");
  }

  /** Closes every connection and stops pinging. Safe to call twice. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    clearInterval(this.#pingTimer);
    for (const peer of [...this.#links.keys()]) this.disconnect(peer);
    this.events.all.clear();
  }

  #setState(peer: PeerId, link: Link, state: PeerState): void {
    link.state = state;
    this.events.emit("state", { peer, state });
    if (state === "open") this.#ping(link);
  }

  #receive(from: PeerId, link: Link, bytes: Uint8Array): void {
    const message = decodePeerMessage(bytes);
    if (!message) {
      this.events.emit("invalid", { from });
      return;
    }
    switch (message.type) {
      case PeerMessageType.Ping:
        this.#sendTo(link, encodePeerMessage({ ...message, type: PeerMessageType.Pong }));
        return;
      case PeerMessageType.Pong:
        this.events.emit("rtt", { peer: from, rttMs: performance.now() - message.t });
        return;
      default:
        this.events.emit("play", { from, message });
    }
  }

  #pingAll(): void {
    for (const link of this.#links.values()) if (link.state === "open") this.#ping(link);
  }

  #ping(link: Link): void {
    // The pong echoes `t`, so the round trip needs no bookkeeping; `t` here is local time.
    const id = this.#nextPingId++ >>> 0;
    this.#sendTo(link, encodePeerMessage({ type: PeerMessageType.Ping, id, t: performance.now() }));
  }

  /** A channel can close between our check and the send; that is not an error to raise. */
  #sendTo(link: Link, bytes: Uint8Array): boolean {
    try {
      link.connection.send(bytes);
      return true;
    } catch {
      return false;
    }
  }
}
