import type { MidiNote, ServerTime, Velocity } from "./units";

/**
 * Play messages (what the piano plays) and a binary format for one message alone. Peers
 * send play messages inside frames (`peerFrames.ts`); the single-message format is what
 * the original design's relay server carries in the load tester and benchmarks.
 *
 *   byte 0      version (PEER_PROTOCOL_VERSION)
 *   byte 1      message type (PeerMessageType)
 *   then fixed fields, little-endian:
 *     noteOn/noteOff  note u8, velocity u8, t f64                 12 bytes in all
 *     pedal           down u8 (0/1), 0 u8, t f64                  12 bytes
 *     ping/pong       id u32, t f64                               14 bytes
 *
 * `t` is when the sender produced the message, in ms on the room's shared clock; a pong
 * echoes its ping's `id` and `t`. Anything else is rejected by `decodePeerMessage`.
 */
export const PEER_PROTOCOL_VERSION = 1;

export enum PeerMessageType {
  NoteOn = 1,
  NoteOff = 2,
  Pedal = 3,
  Ping = 4,
  Pong = 5,
}

export type PeerMessage =
  | { type: PeerMessageType.NoteOn; note: MidiNote; velocity: Velocity; t: ServerTime }
  | { type: PeerMessageType.NoteOff; note: MidiNote; velocity: Velocity; t: ServerTime }
  | { type: PeerMessageType.Pedal; down: boolean; t: ServerTime }
  | { type: PeerMessageType.Ping | PeerMessageType.Pong; id: number; t: ServerTime };

/** A message about the instrument (what the piano plays), as opposed to ping/pong. */
export type PlayMessage = Extract<
  PeerMessage,
  { type: PeerMessageType.NoteOn | PeerMessageType.NoteOff | PeerMessageType.Pedal }
>;

const PLAY_MESSAGE_BYTES = 12;
const PING_MESSAGE_BYTES = 14;

export function encodePeerMessage(message: PeerMessage): Uint8Array<ArrayBuffer> {
  const isPing = message.type === PeerMessageType.Ping || message.type === PeerMessageType.Pong;
  const bytes = new Uint8Array(isPing ? PING_MESSAGE_BYTES : PLAY_MESSAGE_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = PEER_PROTOCOL_VERSION;
  bytes[1] = message.type;
  switch (message.type) {
    case PeerMessageType.NoteOn:
    case PeerMessageType.NoteOff:
      bytes[2] = message.note;
      bytes[3] = message.velocity;
      view.setFloat64(4, message.t, true);
      break;
    case PeerMessageType.Pedal:
      bytes[2] = message.down ? 1 : 0;
      view.setFloat64(4, message.t, true);
      break;
    case PeerMessageType.Ping:
    case PeerMessageType.Pong:
      view.setUint32(2, message.id, true);
      view.setFloat64(6, message.t, true);
      break;
  }
  return bytes;
}

/** Decodes bytes from a peer; `null` for anything that is not a valid message. */
export function decodePeerMessage(bytes: Uint8Array): PeerMessage | null {
  if (bytes.length < 2 || bytes[0] !== PEER_PROTOCOL_VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = bytes[1];
  switch (type) {
    case PeerMessageType.NoteOn:
    case PeerMessageType.NoteOff: {
      if (bytes.length !== PLAY_MESSAGE_BYTES) return null;
      const note = view.getUint8(2);
      const velocity = view.getUint8(3);
      const t = view.getFloat64(4, true);
      if (note > 127 || velocity > 127 || !Number.isFinite(t)) return null;
      if (type === PeerMessageType.NoteOn && velocity === 0) return null;
      return { type, note, velocity, t };
    }
    case PeerMessageType.Pedal: {
      if (bytes.length !== PLAY_MESSAGE_BYTES) return null;
      const down = view.getUint8(2);
      const t = view.getFloat64(4, true);
      if (down > 1 || view.getUint8(3) !== 0 || !Number.isFinite(t)) return null;
      return { type, down: down === 1, t };
    }
    case PeerMessageType.Ping:
    case PeerMessageType.Pong: {
      if (bytes.length !== PING_MESSAGE_BYTES) return null;
      const t = view.getFloat64(6, true);
      if (!Number.isFinite(t)) return null;
      return { type, id: view.getUint32(2, true), t };
    }
    default:
      return null;
  }
}
