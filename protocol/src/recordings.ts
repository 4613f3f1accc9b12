import { z } from "./zod";
import { PeerMessageType } from "./peerCodec";
import { METRONOME_LIMITS } from "./roomSettings";
import { displayNameSchema, playerColorSchema } from "./schemas";
import type { DisplayName, Millis, PlayerColor, ServerTime } from "./units";

/** How big a recording may be: about 40 minutes of dense playing. */
export const RECORDING_LIMITS = {
  events: 50_000,
  durationMs: 60 * 60 * 1000,
  nameLength: 100,
  /** The largest `.mid` file imported (50,000 events fit in ~250 KB). */
  midiFileBytes: 1024 * 1024,
  /** The largest JSON body the recordings API takes (50,000 events fit in ~1.2 MB). */
  bodyBytes: 2 * 1024 * 1024,
  /** Players in one room recording (a room holds at most 16 performers). */
  tracks: 32,
  /**
   * What one account may keep: this many recordings, and this many events in all (an
   * event is stored in about 25 bytes: 500,000 are ~12 MB, ten of the longest takes).
   */
  perAccount: { recordings: 200, events: 500_000 },
} as const;

/**
 * One timed event of a take, compact: `[at, type, a, b, track]` where `at` is ms from the
 * start, `type` a PeerMessageType (NoteOn, NoteOff or Pedal), then
 *   NoteOn/NoteOff: a = note, b = velocity;   Pedal: a = 1 down / 0 up, b = 0;
 * and `track` the player's index in the take's `tracks` (absent: 0, the only player).
 */
export type RecordedEvent = [
  at: Millis,
  type: RecordedEventType,
  a: number,
  b: number,
  track?: number,
];
export type RecordedEventType =
  PeerMessageType.NoteOn | PeerMessageType.NoteOff | PeerMessageType.Pedal;

/** An event as takes hold it: a solo take's (track 0) without a track. */
export function recordedEvent(
  at: Millis,
  type: RecordedEventType,
  a: number,
  b: number,
  track = 0,
): RecordedEvent {
  return track > 0 ? [at, type, a, b, track] : [at, type, a, b];
}

/** One player of a room recording, as the room knew them. */
export interface RecordingTrack {
  name: DisplayName;
  color: PlayerColor;
}

/** The room's metronome while the take was made: bars and beats for a MIDI file. */
export interface RecordingTempo {
  bpm: number;
  beatsPerBar: number;
  /** Where a bar began, in ms from the take's start (0 up to one bar). */
  downbeatMs: Millis;
}

/** What the client sends to save a take (the original schema, less the owner). */
export interface RecordingDraft {
  name: string;
  /** When the take started and ended, on the room's clock. */
  startTime: ServerTime;
  endTime: ServerTime;
  events: RecordedEvent[];
  /** A room recording's players, one a track; a solo take has none. */
  tracks?: RecordingTrack[];
  tempo?: RecordingTempo;
}

export type RecordingId = string;

/** A recording as listed: everything but the events. */
export interface RecordingSummary {
  id: RecordingId;
  owner: string;
  name: string;
  startTime: ServerTime;
  endTime: ServerTime;
  eventCount: number;
  tracks?: RecordingTrack[];
  tempo?: RecordingTempo;
}

export interface Recording extends RecordingSummary {
  events: RecordedEvent[];
}

/**
 * A recording less what can change (its name) and who owns it: the take itself, the same
 * for as long as its id exists.
 */
export type RecordingTake = Omit<Recording, "name" | "owner">;

/** `recording`'s take. */
export function takeOf({ name: _name, owner: _owner, ...take }: Recording): RecordingTake {
  return take;
}

export const recordingNameSchema = z
  .string()
  .trim()
  .min(1, "Give the recording a name.")
  .max(RECORDING_LIMITS.nameLength, `A name has at most ${RECORDING_LIMITS.nameLength} characters.`)
  .refine((name) => !/\p{Cc}/u.test(name), "The name contains control characters.");

const byte = z.number().int().min(0).max(127);

const recordingTrackSchema = z.strictObject({
  name: displayNameSchema,
  color: playerColorSchema,
}) satisfies z.ZodType<RecordingTrack>;

const recordingTempoSchema = z
  .strictObject({
    bpm: z.number().min(METRONOME_LIMITS.minBpm).max(METRONOME_LIMITS.maxBpm),
    beatsPerBar: z.number().int().min(1).max(METRONOME_LIMITS.maxBeatsPerBar),
    downbeatMs: z.number().finite().min(0),
  })
  .refine(
    (tempo) => tempo.downbeatMs < (tempo.beatsPerBar * 60_000) / tempo.bpm,
    "The downbeat lies more than a bar into the take.",
  ) satisfies z.ZodType<RecordingTempo>;

const recordedEventSchema = z
  .tuple([
    z.number().finite().min(0).max(RECORDING_LIMITS.durationMs),
    z.union([
      z.literal(PeerMessageType.NoteOn),
      z.literal(PeerMessageType.NoteOff),
      z.literal(PeerMessageType.Pedal),
    ]),
    byte,
    byte,
    z
      .number()
      .int()
      .min(0)
      .max(RECORDING_LIMITS.tracks - 1)
      .optional(),
  ])
  .refine(
    ([, type, a, b]) => type !== PeerMessageType.Pedal || (a <= 1 && b === 0),
    "bad pedal event",
  )
  .refine(([, type, , b]) => type !== PeerMessageType.NoteOn || b > 0, "note-on with velocity 0");

export const recordingDraftSchema = z
  .strictObject({
    name: recordingNameSchema,
    startTime: z.number().finite().min(0),
    endTime: z.number().finite().min(0),
    events: z
      .array(recordedEventSchema)
      .max(RECORDING_LIMITS.events, `A recording holds at most ${RECORDING_LIMITS.events} events.`),
    tracks: z
      .array(recordingTrackSchema)
      .min(1)
      .max(RECORDING_LIMITS.tracks, `A recording has at most ${RECORDING_LIMITS.tracks} players.`)
      .optional(),
    tempo: recordingTempoSchema.optional(),
  })
  .refine((draft) => draft.endTime >= draft.startTime, "The recording ends before it starts.")
  .refine(
    (draft) => draft.endTime - draft.startTime <= RECORDING_LIMITS.durationMs,
    `A recording lasts at most ${RECORDING_LIMITS.durationMs / 60_000} minutes.`,
  )
  .refine(
    (draft) => draft.events.every(([at]) => at <= draft.endTime - draft.startTime),
    "An event lies after the end of the recording.",
  )
  .refine(
    (draft) => draft.events.every(([at], i) => i === 0 || at >= draft.events[i - 1]![0]),
    "Events are not in time order.",
  )
  .refine(
    (draft) => draft.events.every(([, , , , track = 0]) => track < (draft.tracks?.length ?? 1)),
    "An event belongs to a player the recording does not have.",
  ) satisfies z.ZodType<RecordingDraft>;

export const renameRecordingSchema = z.strictObject({ name: recordingNameSchema });
