import {
  LIMITS,
  type ChatMessage,
  type Metronome,
  type PeerId,
  type RoomControl,
} from "@nicepiano/protocol";
import type { SharedRoomRecord } from "../types";

/**
 * The members a locked room lets back in: the latest this many let in (each page load is
 * a new member id, so the list would otherwise grow for the room's whole life).
 */
export const ADMITTED_KEPT = 256;

/** The metronome starts this long after it is switched on, so every page hears beat 1. */
const METRONOME_LEAD_MS = 1000;

/**
 * One change to a room's record, as every instance applies it to the record it holds.
 * Instances send changes, not whole records: two made at once on two instances (an
 * owner's lock here, a join there) both land everywhere, neither overwrites the other.
 */
export type RoomChange =
  | { type: "admit"; peer: PeerId }
  | Exclude<RoomControl, { type: "metronome" | "panic" | "promote" }>
  | { type: "hand"; peer: PeerId; raised: boolean }
  // Resolved where the owner asked: every instance keeps the same first beat.
  | { type: "metronome"; metronome: Metronome }
  // A member wrote to the chat: kept for newcomers.
  | { type: "said"; message: ChatMessage };

/**
 * The change the owner `owner` asks for with `control`, or a sentence when it cannot be
 * done. The performer limit is capped at `maxRoomMembers`.
 */
export function changeFor(
  record: SharedRoomRecord,
  control: Exclude<RoomControl, { type: "panic" | "promote" }>,
  owner: PeerId,
  maxRoomMembers: number,
): RoomChange | string {
  switch (control.type) {
    case "performerLimit":
      return { type: "performerLimit", limit: Math.min(control.limit, maxRoomMembers) };
    case "remove":
      if (control.peer === owner) return "The owner cannot remove themselves: leave instead.";
      return control;
    case "chatMute":
      if (control.peer === owner) return "The owner cannot mute their own chat.";
      return control;
    case "metronome": {
      const { bpm, beatsPerBar, running } = control;
      const was = record.settings.metronome;
      // Running on at the same tempo keeps its beats; anything else starts them afresh.
      const keep = running && was.startAt !== null && was.bpm === bpm;
      const startAt = running ? (keep ? was.startAt : Date.now() + METRONOME_LEAD_MS) : null;
      return { type: "metronome", metronome: { bpm, beatsPerBar, startAt } };
    }
    default:
      return control;
  }
}

/** Applies `change` to `record`, in place. */
export function applyChange(record: SharedRoomRecord, change: RoomChange): void {
  const { settings } = record;
  switch (change.type) {
    case "admit":
      if (record.removed.includes(change.peer) || record.admitted.includes(change.peer)) return;
      record.admitted.push(change.peer);
      if (record.admitted.length > ADMITTED_KEPT) record.admitted.splice(0, 1);
      return;
    case "lock":
      settings.locked = change.locked;
      return;
    case "performerLimit":
      settings.performerLimit = change.limit;
      return;
    case "mute":
      settings.muted = settings.muted.filter((peer) => peer !== change.peer);
      if (change.muted) settings.muted.push(change.peer);
      return;
    case "remove":
      if (!record.removed.includes(change.peer)) record.removed.push(change.peer);
      record.admitted = record.admitted.filter((peer) => peer !== change.peer);
      settings.muted = settings.muted.filter((peer) => peer !== change.peer);
      settings.hands = settings.hands.filter((peer) => peer !== change.peer);
      return;
    case "transfer":
      settings.owner = change.peer;
      return;
    case "metronome":
      settings.metronome = change.metronome;
      return;
    case "said":
      record.chat.push(change.message);
      if (record.chat.length > LIMITS.chatKept) record.chat.splice(0, 1);
      return;
    case "chat":
      settings.chatOff = !change.on;
      return;
    case "chatMute":
      settings.chatMuted = settings.chatMuted.filter((peer) => peer !== change.peer);
      if (change.muted) settings.chatMuted.push(change.peer);
      return;
    case "notice":
      settings.notice = change.text;
      return;
    case "listed":
      settings.listed = change.listed;
      return;
    case "hand":
      settings.hands = settings.hands.filter((peer) => peer !== change.peer);
      if (change.raised) settings.hands.push(change.peer);
      // Hands of listeners long gone drop off the front.
      if (settings.hands.length > LIMITS.roomListeners) settings.hands.splice(0, 1);
      return;
  }
}
