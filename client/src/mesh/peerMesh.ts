import {
  decodePeerFrame,
  encodePingFrame,
  PEER_PING_INTERVAL_MS,
  PeerFrameType,
  type PeerId,
  type SignalData,
} from "@nicepiano/protocol";
import mitt from "mitt";
import { NoteInbox } from "../notes/noteInbox";
import { PEER_RECONNECT } from "../retry/reconnectPolicy";
import type { MeshEvents, PeerMeshOptions, PeerPath, PeerState } from "./meshTypes";
import type { PeerConnection } from "./peerFactory";
import { PongBudget } from "./pongBudget";
import { isWorthSignalling } from "./signalFilter";

export { isWorthSignalling } from "./signalFilter";
export type { MeshEvents, PeerMeshOptions, PeerPath, PeerState } from "./meshTypes";

/** How long sent notes are kept, to send again through the server when a channel dies. */
const REPLAY_MS = 2000;

interface Link {
  connection: PeerConnection;
  state: PeerState;
  /** A responder's link has taken its offer; a new offer means the peer started over. */
  answered: boolean;
}

/** Everything about one peer that outlives its connections. */
interface Stream {
  initiator: boolean;
  link: Link | undefined;
  /** Retries since it was last open. */
  retries: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * A full mesh of data channels, one per other member, with the signaling server as the
 * fallback path. Every frame goes out on the peer's channel when it is open and through
 * the server otherwise; when a channel dies, the last frames sent on it go again through
 * the server, and the inbox takes each event once. A lost connection is started again in
 * the background (by the side that started it), with backoff. Takes signals in through
 * `signal`, hands signals out through `sendSignal`; owns no socket.
 */
export class PeerMesh {
  readonly events = mitt<MeshEvents>();
  readonly #options: PeerMeshOptions;
  readonly #inbox: NoteInbox;
  readonly #streams = new Map<PeerId, Stream>();
  /** The fresh frames of the last REPLAY_MS, oldest first (the same for every peer). */
  #recent: { frame: Uint8Array; at: number }[] = [];
  readonly #pingTimer: ReturnType<typeof setInterval>;
  #nextPingId = 0;
  readonly #pongs = new PongBudget();
  #destroyed = false;
  #invalidMessages = 0;

  constructor(options: PeerMeshOptions) {
    this.#options = options;
    this.#inbox = options.inbox ?? new NoteInbox();
    this.#pingTimer = setInterval(
      () => this.#pingAll(),
      options.pingIntervalMs ?? PEER_PING_INTERVAL_MS,
    );
  }

  /** Starts (initiator) or prepares (responder) a connection to `peer`. Idempotent. */
  connect(peer: PeerId, initiator: boolean): void {
    if (this.#destroyed || this.#streams.has(peer)) return;
    const stream: Stream = {
      initiator,
      link: undefined,
      retries: 0,
      retryTimer: undefined,
    };
    this.#streams.set(peer, stream);
    this.#open(peer, stream);
  }

  /** A signal from `peer`; an offer starts a responder (again, if the peer started over). */
  signal(from: PeerId, data: SignalData): void {
    if (this.#destroyed) return;
    const stream = this.#streams.get(from);
    if (!stream) {
      if (data.type !== "offer") return;
      this.connect(from, false);
    } else if (
      data.type === "offer" &&
      !stream.initiator &&
      (!stream.link || stream.link.answered)
    ) {
      if (stream.link) this.#close(stream.link);
      stream.link = undefined;
      this.#open(from, stream);
    }
    const link = this.#streams.get(from)?.link;
    if (!link) return;
    if (data.type === "offer") link.answered = true;
    // @types/simple-peer wants a full RTCIceCandidate; simple-peer itself takes the init dict.
    link.connection.signal(data as Parameters<PeerConnection["signal"]>[0]);
  }

  /** A frame from `from` that came through the server. */
  receiveRelayed(from: PeerId, frame: Uint8Array): void {
    if (this.#streams.has(from)) this.#receive(from, frame);
  }

  /**
   * Sends a note frame to every peer, by channel or, if `fresh` (it has a new event),
   * through the server; a repeat only helps a path that loses frames. Returns how many
   * peers it went to.
   */
  sendFrame(frame: Uint8Array, fresh: boolean): number {
    if (this.#destroyed) return 0;
    if (fresh) {
      const now = performance.now();
      this.#recent.push({ frame, at: now });
      while (this.#recent[0] && now - this.#recent[0].at > REPLAY_MS) this.#recent.shift();
    }
    let sent = 0;
    for (const [peer, stream] of this.#streams) {
      if (stream.link?.state === "open" && this.#write(stream.link, frame)) sent++;
      else if (fresh && this.#options.relay) {
        this.#options.relay(peer, frame);
        sent++;
      }
    }
    return sent;
  }

  /** Messages dropped because they were not valid (from any peer, since the start). */
  get invalidMessages(): number {
    return this.#invalidMessages;
  }

  stateOf(peer: PeerId): PeerState | undefined {
    const stream = this.#streams.get(peer);
    return stream && (stream.link?.state ?? "closed");
  }

  pathOf(peer: PeerId): PeerPath {
    const stream = this.#streams.get(peer);
    if (!stream) return "none";
    if (stream.link?.state === "open") return "channel";
    return this.#options.relay ? "server" : "none";
  }

  /** The underlying connection to `peer`, while there is one (for its statistics). */
  connectionOf(peer: PeerId): PeerConnection | undefined {
    return this.#streams.get(peer)?.link?.connection;
  }

  /** The peers whose channel is open. */
  openPeers(): PeerId[] {
    return [...this.#streams]
      .filter(([, stream]) => stream.link?.state === "open")
      .map(([peer]) => peer);
  }

  /** Forgets `peer` (it left the room). Safe to call for an unknown peer. */
  disconnect(peer: PeerId): void {
    const stream = this.#streams.get(peer);
    if (!stream) return;
    this.#streams.delete(peer);
    this.#inbox.forget(peer);
    this.#pongs.forget(peer);
    clearTimeout(stream.retryTimer);
    if (stream.link) this.#close(stream.link);
    this.events.emit("state", { peer, state: "closed" });
  }

  /** Closes every connection and stops pinging. Safe to call twice. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    clearInterval(this.#pingTimer);
    this.#recent = [];
    for (const peer of [...this.#streams.keys()]) this.disconnect(peer);
    this.events.all.clear();
  }

  #open(peer: PeerId, stream: Stream): void {
    const connection = this.#options.createPeer({
      initiator: stream.initiator,
      trickle: true,
      config: { iceServers: this.#options.iceServers() },
      ...(this.#options.channelConfig ? { channelConfig: this.#options.channelConfig } : {}),
    });
    const link: Link = { connection, state: "connecting", answered: false };
    stream.link = link;
    connection.on("signal", (data: SignalData) => {
      if (isWorthSignalling(data)) this.#options.sendSignal(peer, data);
    });
    connection.on("connect", () => {
      stream.retries = 0;
      this.#setState(peer, link, "open");
    });
    connection.on("data", (bytes: Uint8Array) => this.#receive(peer, bytes));
    connection.on("close", () => this.#lost(peer, stream, link));
    connection.on("error", (error: Error) => {
      this.events.emit("error", { peer, error });
      this.#lost(peer, stream, link);
    });
    this.#setState(peer, link, "connecting");
  }

  /** The connection to a peer still in the room broke: fall back, and start it again. */
  #lost(peer: PeerId, stream: Stream, link: Link): void {
    if (stream.link !== link || this.#destroyed) return;
    const wasOpen = link.state === "open";
    stream.link = undefined;
    this.#close(link);
    this.#setState(peer, link, "closed");
    // What went out on the dead channel may not have arrived: send it again (the peer
    // takes each event once).
    if (wasOpen && this.#options.relay) {
      for (const { frame } of this.#recent) this.#options.relay(peer, frame);
    }
    if (!stream.initiator) return; // the peer starts it again; its offer opens ours
    clearTimeout(stream.retryTimer);
    stream.retryTimer = setTimeout(
      () => {
        if (this.#streams.get(peer) === stream && !stream.link) this.#open(peer, stream);
      },
      (this.#options.reconnect ?? PEER_RECONNECT).nextDelayMs(stream.retries++),
    );
  }

  #close(link: Link): void {
    link.connection.removeAllListeners();
    // simple-peer may still emit an error while closing; keep one listener to swallow it.
    link.connection.on("error", () => {});
    link.connection.destroy();
  }

  #setState(peer: PeerId, link: Link, state: PeerState): void {
    link.state = state;
    this.events.emit("state", { peer, state });
    if (state === "open") this.#ping(peer);
  }

  #receive(from: PeerId, bytes: Uint8Array): void {
    const frame = decodePeerFrame(bytes);
    if (!this.#streams.has(from) || !frame) {
      this.#invalidMessages++;
      this.events.emit("invalid", { from });
      return;
    }
    switch (frame.type) {
      case PeerFrameType.Ping:
        if (!this.#pongs.take(from)) return;
        this.#sendOnChannel(from, encodePingFrame({ ...frame, type: PeerFrameType.Pong }));
        return;
      case PeerFrameType.Pong:
        this.events.emit("rtt", { peer: from, rttMs: performance.now() - frame.t });
        return;
      case PeerFrameType.Notes:
        for (const message of this.#inbox.take(from, frame)) {
          this.events.emit("play", { from, message });
        }
    }
  }

  #pingAll(): void {
    for (const peer of this.openPeers()) this.#ping(peer);
  }

  #ping(peer: PeerId): void {
    // The pong echoes `t`, so the round trip needs no bookkeeping; `t` here is local time.
    const id = this.#nextPingId++ >>> 0;
    this.#sendOnChannel(
      peer,
      encodePingFrame({ type: PeerFrameType.Ping, id, t: performance.now() }),
    );
  }

  /**
   * Pings and pongs measure the channel itself: they never take the server path. (A
   * channel can deliver data a moment before it reports itself open: answer it anyway.)
   */
  #sendOnChannel(peer: PeerId, bytes: Uint8Array): void {
    const stream = this.#streams.get(peer);
    if (stream?.link) this.#write(stream.link, bytes);
  }

  /** A channel can close between our check and the send; that is not an error to raise. */
  #write(link: Link, frame: Uint8Array): boolean {
    try {
      link.connection.send(frame);
      return true;
    } catch {
      return false;
    }
  }
}
