/**
 * The WebRTC signals that simple-peer produces for data-channel-only connections. The
 * server relays them without reading them, but still checks their shape and size.
 */
export type SignalData =
  | { type: "offer" | "answer"; sdp: string }
  | { type: "candidate"; candidate: IceCandidateInit }
  | { type: "renegotiate"; renegotiate: true };

export interface IceCandidateInit {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}
