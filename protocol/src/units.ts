/**
 * Names for the plain numbers and strings that cross the wire, so a signature says what
 * it carries. They are aliases, not brands: parsing (see `schemas.ts`) is what makes a
 * value trustworthy, not its type.
 */

/** A MIDI note number, 0–127 (the piano uses 21 = A0 … 108 = C8). */
export type MidiNote = number;
/** A MIDI velocity, 0–127. A note-on with velocity 0 is a note-off. */
export type Velocity = number;
/** A duration or interval in milliseconds. */
export type Millis = number;
/** Milliseconds since the Unix epoch on the signaling server's clock (the room's clock). */
export type ServerTime = number;
/** The id of one connected client (its Socket.IO socket id). */
export type PeerId = string;
/** A room's name as it appears in its link `/r/<name>`. */
export type RoomName = string;
/** A player's name as shown to the room. */
export type DisplayName = string;
/** A CSS colour (`#rrggbb`) that marks one player's keys and name. */
export type PlayerColor = string;

/** The lowest and highest key of an 88-key piano. */
export const PIANO_LOWEST_NOTE: MidiNote = 21;
export const PIANO_HIGHEST_NOTE: MidiNote = 108;
