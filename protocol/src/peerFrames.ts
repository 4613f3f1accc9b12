import { PeerMessageType, type PlayMessage } from "./peerCodec";
import type { MidiNote, ServerTime } from "./units";

/**
 * The binary frames peers send each other, on whichever path a note takes (the data
 * channel, the server relay, the feed to listeners). Notes ride a channel that neither
 * orders nor retransmits, so a frame carries what repairs a loss (see
 * `client/src/notes/`): its newest event, the few before it (RFC 2198's redundancy), and
 * what the sender holds (RFC 6295's recovery journal, reduced to keys and pedal).
 *
 *   byte 0      version (PEER_FRAME_VERSION)
 *   byte 1      frame type (PeerFrameType)
 *   Notes:
 *     2   u32   seq of the newest event; the frame's events are numbered up to it
 *     6   f64   t of the newest event, ms on the room's clock
 *     14  u8    event count n, 1–MAX_FRAME_EVENTS, oldest first
 *     15  u8    flags: 1 state follows, 2 pedal down, 4 keys as a 128-bit map
 *     16  n ×   kind u8 (1 on, 2 off, 3 pedal), note u8 (pedal: 0/1 down), velocity u8,
 *               age u16: tenths of a ms before the newest event's t
 *     then, with state: the held keys, either a count u8 and the notes (at most
 *               MAX_LISTED_KEYS), or with flag 4 a 16-byte map (bit n%8 of byte n/8)
 *   Ping/Pong:
 *     2   u32   id; 6 f64 t (a pong echoes its ping's id and t)
 *
 * Little-endian throughout. Anything else is refused by `decodePeerFrame`.
 */
export const PEER_FRAME_VERSION = 2;

export enum PeerFrameType {
  Notes = 1,
  Ping = 2,
  Pong = 3,
}

/** What a sender holds when it sends a frame: its keys down and its pedal. */
export interface HeldState {
  pedal: boolean;
  /** Ascending. */
  keys: MidiNote[];
}

/** One play message and its number in its sender's sequence. */
export interface NumberedEvent {
  seq: number;
  message: PlayMessage;
}

export interface NoteFrame {
  type: PeerFrameType.Notes;
  /** Oldest first, numbered consecutively; the last is the sender's newest event. */
  events: NumberedEvent[];
  /** The sender's state just after its newest event; absent from the plain transport. */
  state?: HeldState;
}

export interface PingFrame {
  type: PeerFrameType.Ping | PeerFrameType.Pong;
  id: number;
  t: number;
}

export type PeerFrame = NoteFrame | PingFrame;

/** The most events one frame carries. */
export const MAX_FRAME_EVENTS = 8;
/** Held keys up to this many go as a list; more go as a map (16 bytes). */
export const MAX_LISTED_KEYS = 15;
/** The oldest an earlier event may be, next to the newest, to ride in a frame (u16 tenths). */
export const MAX_EVENT_AGE_MS = 6553.5;

const NOTES_HEADER_BYTES = 16;
const EVENT_BYTES = 5;
const KEY_MAP_BYTES = 16;
const PING_FRAME_BYTES = 14;
const FLAG_STATE = 1;
const FLAG_PEDAL = 2;
const FLAG_KEY_MAP = 4;

/** The largest frame anyone sends or accepts (the server refuses larger relays). */
export const MAX_FRAME_BYTES = NOTES_HEADER_BYTES + MAX_FRAME_EVENTS * EVENT_BYTES + KEY_MAP_BYTES;

/**
 * Encodes a notes frame. Its events must be numbered consecutively, at most
 * MAX_FRAME_EVENTS, none older than MAX_EVENT_AGE_MS before the newest (a later
 * event stamped a moment earlier counts as age 0).
 */
export function encodeNoteFrame(frame: Omit<NoteFrame, "type">): Uint8Array<ArrayBuffer> {
  const { events, state } = frame;
  const newest = events.at(-1);
  if (!newest || events.length > MAX_FRAME_EVENTS) {
    throw new RangeError(`A frame carries 1 to ${MAX_FRAME_EVENTS} events.`);
  }
  const useMap = state !== undefined && state.keys.length > MAX_LISTED_KEYS;
  const stateBytes = state === undefined ? 0 : useMap ? KEY_MAP_BYTES : 1 + state.keys.length;
  const bytes = new Uint8Array(NOTES_HEADER_BYTES + events.length * EVENT_BYTES + stateBytes);
  const view = new DataView(bytes.buffer);
  bytes[0] = PEER_FRAME_VERSION;
  bytes[1] = PeerFrameType.Notes;
  view.setUint32(2, newest.seq >>> 0, true);
  view.setFloat64(6, newest.message.t, true);
  bytes[14] = events.length;
  bytes[15] =
    (state ? FLAG_STATE : 0) | (state?.pedal ? FLAG_PEDAL : 0) | (useMap ? FLAG_KEY_MAP : 0);
  events.forEach(({ seq, message }, i) => {
    if (seq !== newest.seq - (events.length - 1 - i)) {
      throw new RangeError("A frame's events are numbered consecutively.");
    }
    const at = NOTES_HEADER_BYTES + i * EVENT_BYTES;
    const age = Math.round(Math.max(0, newest.message.t - message.t) * 10);
    if (age > 0xffff) throw new RangeError(`An event older than ${MAX_EVENT_AGE_MS} ms.`);
    bytes[at] = message.type;
    if (message.type === PeerMessageType.Pedal) {
      bytes[at + 1] = message.down ? 1 : 0;
    } else {
      bytes[at + 1] = message.note;
      bytes[at + 2] = message.velocity;
    }
    view.setUint16(at + 3, age, true);
  });
  if (state) writeKeys(bytes, NOTES_HEADER_BYTES + events.length * EVENT_BYTES, state, useMap);
  return bytes;
}

export function encodePingFrame(frame: PingFrame): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(PING_FRAME_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = PEER_FRAME_VERSION;
  bytes[1] = frame.type;
  view.setUint32(2, frame.id >>> 0, true);
  view.setFloat64(6, frame.t, true);
  return bytes;
}

/** Decodes bytes from a peer (or relayed for one); `null` for anything not a valid frame. */
export function decodePeerFrame(bytes: Uint8Array): PeerFrame | null {
  if (bytes.length < 2 || bytes.length > MAX_FRAME_BYTES) return null;
  if (bytes[0] !== PEER_FRAME_VERSION) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (bytes[1]) {
    case PeerFrameType.Notes:
      return decodeNotes(bytes, view);
    case PeerFrameType.Ping:
    case PeerFrameType.Pong: {
      if (bytes.length !== PING_FRAME_BYTES) return null;
      const t = view.getFloat64(6, true);
      if (!Number.isFinite(t)) return null;
      return { type: bytes[1], id: view.getUint32(2, true), t };
    }
    default:
      return null;
  }
}

function decodeNotes(bytes: Uint8Array, view: DataView): NoteFrame | null {
  if (bytes.length < NOTES_HEADER_BYTES + EVENT_BYTES) return null;
  const newestSeq = view.getUint32(2, true);
  const t: ServerTime = view.getFloat64(6, true);
  const count = bytes[14]!;
  const flags = bytes[15]!;
  if (!Number.isFinite(t) || count < 1 || count > MAX_FRAME_EVENTS) return null;
  if (flags & ~(FLAG_STATE | FLAG_PEDAL | FLAG_KEY_MAP)) return null;
  if (!(flags & FLAG_STATE) && flags !== 0) return null;
  if (newestSeq < count - 1) return null; // numbers below 0
  const eventsEnd = NOTES_HEADER_BYTES + count * EVENT_BYTES;
  const events: NumberedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const at = NOTES_HEADER_BYTES + i * EVENT_BYTES;
    if (at + EVENT_BYTES > bytes.length) return null;
    const message = decodeEvent(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!);
    if (!message) return null;
    message.t = t - view.getUint16(at + 3, true) / 10;
    events.push({ seq: newestSeq - (count - 1 - i), message });
  }
  if (!(flags & FLAG_STATE)) return bytes.length === eventsEnd ? { type: 1, events } : null;
  const keys = readKeys(bytes, eventsEnd, (flags & FLAG_KEY_MAP) !== 0);
  if (!keys) return null;
  return { type: PeerFrameType.Notes, events, state: { pedal: (flags & FLAG_PEDAL) !== 0, keys } };
}

function decodeEvent(byte: number, data1: number, data2: number): PlayMessage | null {
  // Any byte may arrive: the cases below are the only kinds taken.
  const kind = byte as PeerMessageType;
  switch (kind) {
    case PeerMessageType.NoteOn:
    case PeerMessageType.NoteOff:
      if (data1 > 127 || data2 > 127) return null;
      if (kind === PeerMessageType.NoteOn && data2 === 0) return null;
      return { type: kind, note: data1, velocity: data2, t: 0 };
    case PeerMessageType.Pedal:
      if (data1 > 1 || data2 !== 0) return null;
      return { type: kind, down: data1 === 1, t: 0 };
    default:
      return null;
  }
}

function writeKeys(bytes: Uint8Array, at: number, state: HeldState, useMap: boolean): void {
  if (!useMap) {
    bytes[at] = state.keys.length;
    [...state.keys].sort((a, b) => a - b).forEach((key, i) => (bytes[at + 1 + i] = key));
    return;
  }
  for (const key of state.keys) bytes[at + (key >> 3)]! |= 1 << (key & 7);
}

/** The held keys at `at`, ascending; null if they are not exactly the rest of the frame. */
function readKeys(bytes: Uint8Array, at: number, asMap: boolean): MidiNote[] | null {
  const keys: MidiNote[] = [];
  if (asMap) {
    if (bytes.length !== at + KEY_MAP_BYTES) return null;
    for (let key = 0; key < 128; key++) {
      if (bytes[at + (key >> 3)]! & (1 << (key & 7))) keys.push(key);
    }
    return keys;
  }
  const count = bytes[at];
  if (count === undefined || count > MAX_LISTED_KEYS || bytes.length !== at + 1 + count) {
    return null;
  }
  for (let i = 0; i < count; i++) {
    const key = bytes[at + 1 + i]!;
    if (key > 127 || (i > 0 && key <= keys[i - 1]!)) return null;
    keys.push(key);
  }
  return keys;
}
