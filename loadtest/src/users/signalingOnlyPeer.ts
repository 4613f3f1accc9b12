import { EventEmitter } from "node:events";
import { isWorthSignalling, type PeerConnection, type PeerFactory } from "@nicepiano/client/mesh";
import type { SignalData } from "@nicepiano/protocol";
import { createNodePeer } from "../nodePeers";

/** What each side of one real WebRTC handshake signalled, in order (offer or answer first). */
export interface Handshake {
  offerer: SignalData[];
  answerer: SignalData[];
}

/**
 * Connects two peers on Node's WebRTC stack, as the mesh does (trickle, the same filter
 * on what is worth signalling), and keeps what each side signalled: the SDP and ICE
 * candidates a real pair exchanges here, for peers that replay them.
 */
export async function recordHandshake(): Promise<Handshake> {
  const options = { trickle: true, config: { iceServers: [] } };
  const offerer = createNodePeer({ ...options, initiator: true });
  const answerer = createNodePeer({ ...options, initiator: false });
  const handshake: Handshake = { offerer: [], answerer: [] };
  const relay = (from: PeerConnection, kept: SignalData[], to: PeerConnection) =>
    from.on("signal", (data: SignalData) => {
      if (!isWorthSignalling(data)) return;
      kept.push(data);
      to.signal(data as Parameters<PeerConnection["signal"]>[0]);
    });
  relay(offerer, handshake.offerer, answerer);
  relay(answerer, handshake.answerer, offerer);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no WebRTC handshake in 10 s")), 10_000);
      offerer.once("connect", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    // Candidates found after the channel opened still go out: let them come.
    await new Promise((resolve) => setTimeout(resolve, 500));
  } finally {
    offerer.destroy();
    answerer.destroy();
  }
  return handshake;
}

/**
 * A peer connection without WebRTC, for a virtual musician that only signals: it sends
 * a recorded handshake's signals to the signaling server as a real peer would (an
 * offerer its offer and candidates; an answerer, once offered, its answer and
 * candidates), then says it is connected. What it is asked to send goes nowhere, as a
 * real player's notes go nowhere the server sees.
 */
class SignalingOnlyPeer extends EventEmitter {
  readonly #handshake: Handshake;
  #destroyed = false;

  constructor(handshake: Handshake, initiator: boolean) {
    super();
    this.#handshake = handshake;
    if (initiator) setTimeout(() => this.#say(handshake.offerer), 0);
  }

  signal(data: SignalData): void {
    if (this.#destroyed) return;
    if (data.type === "offer") {
      this.#say(this.#handshake.answerer);
      this.#connected();
    } else if (data.type === "answer") {
      this.#connected();
    }
  }

  send(): void {}

  /** No statistics: the member list shows the peer as connecting, which no server sees. */
  getStats(callback: (error: Error | null, reports: unknown[]) => void): void {
    callback(null, []);
  }

  destroy(): void {
    this.#destroyed = true;
  }

  #say(signals: SignalData[]): void {
    for (const data of signals) if (!this.#destroyed) this.emit("signal", data);
  }

  #connected(): void {
    setTimeout(() => {
      if (!this.#destroyed) this.emit("connect");
    }, 0);
  }
}

/** Peers that replay `handshake` (see SignalingOnlyPeer). */
export function signalingOnlyPeers(handshake: Handshake): PeerFactory {
  // The mesh uses on/signal/send/destroy/removeAllListeners of simple-peer's instance.
  return (options) =>
    new SignalingOnlyPeer(handshake, options.initiator === true) as unknown as PeerConnection;
}

/**
 * Peers that never signal nor connect: a member of the original relay design, whose
 * notes all go through the server and who makes no peer connections.
 */
export const noPeers: PeerFactory = () =>
  new SignalingOnlyPeer({ offerer: [], answerer: [] }, false) as unknown as PeerConnection;
