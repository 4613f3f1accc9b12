import { z } from "zod";
import { PeerMessageType } from "./peerCodec";
import type { Millis, ServerTime } from "./units";

/** How big a recording may be: about 40 minutes of dense playing. */
export const RECORDING_LIMITS = {
  events: 50_000,
  durationMs: 60 * 60 * 1000,
  nameLength: 100,
  /** The largest JSON body the recordings API takes (50,000 events fit in ~1.2 MB). */
  bodyBytes: 2 * 1024 * 1024,
} as const;

/**
 * One timed event of a take, compact: `[at, type, a, b]` where `at` is ms from the start,
 * `type` a PeerMessageType (NoteOn, NoteOff or Pedal), then
 *   NoteOn/NoteOff: a = note, b = velocity;   Pedal: a = 1 down / 0 up, b = 0.
 */
export type RecordedEvent = [at: Millis, type: RecordedEventType, a: number, b: number];
export type RecordedEventType =
  PeerMessageType.NoteOn | PeerMessageType.NoteOff | PeerMessageType.Pedal;

/** What the client sends to save a take (the original schema, less the owner). */
export interface RecordingDraft {
  name: string;
  /** When the take started and ended, on the room's clock. */
  startTime: ServerTime;
  endTime: ServerTime;
  events: RecordedEvent[];
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
}

export interface Recording extends RecordingSummary {
  events: RecordedEvent[];
}

export const recordingNameSchema = z
  .string()
  .trim()
  .min(1, "Give the recording a name.")
  .max(RECORDING_LIMITS.nameLength, `A name has at most ${RECORDING_LIMITS.nameLength} characters.`)
  .refine((name) => !/\p{Cc}/u.test(name), "The name contains control characters.");

const byte = z.number().int().min(0).max(127);
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
  ) satisfies z.ZodType<RecordingDraft>;

export const renameRecordingSchema = z.strictObject({ name: recordingNameSchema });
