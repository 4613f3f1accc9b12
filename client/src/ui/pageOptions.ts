import { isNoteTransportKind, type NoteTransportKind } from "../notes/noteTransports";

/**
 * What a room page takes from its address, for measuring and diagnosing a connection:
 * `?transport=reliable` sends notes the first design's way (an ordered, retransmitting
 * channel) instead of the loss-proof default; `?ice=relay` reaches the others through
 * the TURN relay only.
 */
export interface PageOptions {
  transport: NoteTransportKind;
  relayOnly: boolean;
}

export function pageOptions(search: string): PageOptions {
  const params = new URLSearchParams(search);
  const transport = params.get("transport");
  return {
    transport: isNoteTransportKind(transport) ? transport : "loss-proof",
    relayOnly: params.get("ice") === "relay",
  };
}
