import { z } from "./zod";
import { noticeSchema } from "./chat";
import { LIMITS } from "./limits";
import type { Member } from "./members";
import type { PeerId, ServerTime } from "./units";

/** The room's metronome: every page computes the beats from these, none is sent a beat. */
export interface Metronome {
  bpm: number;
  beatsPerBar: number;
  /** When beat 1 of bar 1 sounds, on the room's clock; null: stopped. */
  startAt: ServerTime | null;
}

/** What the room's owner decides, as every member sees it. */
export interface RoomSettings {
  /**
   * Who runs the room: the first to arrive, or whom the owner handed it to. While they
   * are away, the earliest arrival among those present stands in (`ownerOf`).
   */
  owner: PeerId | null;
  /** Nobody new may join (members who lose their connection still come back). */
  locked: boolean;
  /** Players who may play in the room at once (at most the server's room size). */
  performerLimit: number;
  /** Players muted for everyone: their notes are not relayed, and pages do not play them. */
  muted: PeerId[];
  metronome: Metronome;
  /** The room's chat is off: nobody may write (what was written stays). */
  chatOff: boolean;
  /** Members whose chat is muted for everyone: the server takes no message from them. */
  chatMuted: PeerId[];
  /** What the owner tells everyone, newcomers too; "" for none. */
  notice: string;
  /** Listed on the landing page for anyone to join (private, the default, is not). */
  listed: boolean;
  /** Listeners who raised their hand to play, the earliest first. */
  hands: PeerId[];
}

export const METRONOME_LIMITS = { minBpm: 20, maxBpm: 300, maxBeatsPerBar: 16 } as const;

export const DEFAULT_METRONOME: Metronome = { bpm: 100, beatsPerBar: 4, startAt: null };

/** A new room's settings: owned by its first member, open, private, chat on. */
export function freshRoomSettings(owner: PeerId | null, performerLimit: number): RoomSettings {
  return {
    owner,
    locked: false,
    performerLimit,
    muted: [],
    metronome: DEFAULT_METRONOME,
    chatOff: false,
    chatMuted: [],
    notice: "",
    listed: false,
    hands: [],
  };
}

/** What the owner may change. Everything else is refused with `not-owner`. */
export type RoomControl =
  | { type: "lock"; locked: boolean }
  | { type: "performerLimit"; limit: number }
  | { type: "mute"; peer: PeerId; muted: boolean }
  | { type: "remove"; peer: PeerId }
  | { type: "transfer"; peer: PeerId }
  | { type: "metronome"; bpm: number; beatsPerBar: number; running: boolean }
  | { type: "chat"; on: boolean }
  | { type: "chatMute"; peer: PeerId; muted: boolean }
  | { type: "notice"; text: string }
  | { type: "listed"; listed: boolean }
  /** Every page lets go of every key and the pedal (stuck notes). */
  | { type: "panic" }
  /** A listener becomes a player (their page joins again to play, and the mesh). */
  | { type: "promote"; peer: PeerId };

const peerIdSchema = z.string().min(1).max(64);

export const roomControlSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("lock"), locked: z.boolean() }),
  z.strictObject({
    type: z.literal("performerLimit"),
    // The server holds it to its own room size.
    limit: z.number().int().min(1).max(LIMITS.largestRoom),
  }),
  z.strictObject({ type: z.literal("mute"), peer: peerIdSchema, muted: z.boolean() }),
  z.strictObject({ type: z.literal("remove"), peer: peerIdSchema }),
  z.strictObject({ type: z.literal("transfer"), peer: peerIdSchema }),
  z.strictObject({
    type: z.literal("metronome"),
    bpm: z.number().min(METRONOME_LIMITS.minBpm).max(METRONOME_LIMITS.maxBpm),
    beatsPerBar: z.number().int().min(1).max(METRONOME_LIMITS.maxBeatsPerBar),
    running: z.boolean(),
  }),
  z.strictObject({ type: z.literal("chat"), on: z.boolean() }),
  z.strictObject({ type: z.literal("chatMute"), peer: peerIdSchema, muted: z.boolean() }),
  z.strictObject({ type: z.literal("notice"), text: noticeSchema }),
  z.strictObject({ type: z.literal("listed"), listed: z.boolean() }),
  z.strictObject({ type: z.literal("panic") }),
  z.strictObject({ type: z.literal("promote"), peer: peerIdSchema }),
]) satisfies z.ZodType<RoomControl>;

/**
 * Who runs the room now: `owner` when present, else the earliest arrival among `members`
 * (ties broken by id). Server and pages compute it alike from the same member list.
 */
export function ownerOf(members: readonly Member[], owner: PeerId | null): PeerId | null {
  if (owner !== null && members.some((member) => member.id === owner)) return owner;
  let first: Member | undefined;
  for (const member of members) {
    if (
      !first ||
      member.joinedAt < first.joinedAt ||
      (member.joinedAt === first.joinedAt && member.id < first.id)
    ) {
      first = member;
    }
  }
  return first?.id ?? null;
}
