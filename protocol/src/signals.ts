/**
 * The WebRTC signals that simple-peer produces for data-channel-only connections. The
 * server relays them without reading them, but still checks their shape and size.
 */
export type SignalData =
  | { type: "offer" | "answer"; sdp: string }
  | { type: "candidate"; candidate: IceCandidateInit }
  | { type: "renegotiate"; renegotiate: true };

/**
 * One signal, or several that one peer produced in a moment, in order: a browser finds
 * its ICE candidates a few milliseconds after its offer, and each message costs the
 * server a read, a write and a room check (`client/src/room/signalBatcher.ts`).
 */
export type Signals = SignalData | SignalData[];

export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}
