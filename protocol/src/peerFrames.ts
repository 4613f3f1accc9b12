/**
 * Every peer message travels in a frame with a sequence number, whichever path it takes
 * (data channel or the server relay), so a receiver can drop a message it already has when
 * a sender repeats recent ones over the other path after a switch.
 *
 *   [seq: u32 big-endian][message: the peer codec's bytes]
 */
export const FRAME_HEADER_BYTES = 4;
/** The largest frame anyone sends or accepts (a peer message is 12 bytes). */
export const MAX_FRAME_BYTES = 64;

export function encodeFrame(seq: number, message: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + message.length);
  new DataView(frame.buffer).setUint32(0, seq >>> 0);
  frame.set(message, FRAME_HEADER_BYTES);
  return frame;
}

/** The sequence number and message of a frame, or null for bytes that cannot be one. */
export function decodeFrame(bytes: Uint8Array): { seq: number; message: Uint8Array } | null {
  if (bytes.length <= FRAME_HEADER_BYTES || bytes.length > MAX_FRAME_BYTES) return null;
  const seq = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0);
  return { seq, message: bytes.subarray(FRAME_HEADER_BYTES) };
}
