import type { Millis } from "@nicepiano/protocol";
import { LATE_NOTE_MS } from "./noteReceiver";
import { LOSS_PROOF_POLICY, PLAIN_POLICY, type SenderPolicy } from "./noteSender";

/**
 * How notes cross a data channel. "loss-proof", the default: a channel that neither
 * orders nor retransmits, so a lost packet holds back nothing, with the loss repaired by
 * redundancy. "reliable": the first design's ordered, retransmitting channel, one event a
 * frame, kept to measure against (`npm run bench:lossy`) and chosen with `?transport=reliable`.
 */
export type NoteTransportKind = "loss-proof" | "reliable";

export interface NoteTransport {
  /** simple-peer's `channelConfig` (RTCDataChannelInit) for the channel notes ride. */
  channelConfig: RTCDataChannelInit;
  policy: SenderPolicy;
  /** A note-on later than this (beyond the sender's usual) is not played. */
  lateNoteMs: Millis;
}

export const NOTE_TRANSPORTS: Record<NoteTransportKind, NoteTransport> = {
  "loss-proof": {
    channelConfig: { ordered: false, maxRetransmits: 0 },
    policy: LOSS_PROOF_POLICY,
    lateNoteMs: LATE_NOTE_MS,
  },
  // The first design played every note, however late.
  reliable: { channelConfig: {}, policy: PLAIN_POLICY, lateNoteMs: Number.POSITIVE_INFINITY },
};

export function isNoteTransportKind(value: unknown): value is NoteTransportKind {
  return value === "loss-proof" || value === "reliable";
}
