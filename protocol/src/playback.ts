import { z } from "./zod";
import type { RecordedEvent, RecordingId, RecordingTrack } from "./recordings";
import type { Millis, PeerId, ServerTime } from "./units";

/** How far ahead of now a playback starts, so every peer has its events in time. */
export const PLAYBACK_LEAD_MS: Millis = 400;

/** A recording being played into a room: every peer schedules the same events. */
export interface Playback {
  id: string;
  recordingId: RecordingId;
  recordingName: string;
  /** The member who started it; their colour lights its keys. */
  by: PeerId;
  /** When event time 0 sounds, on the room's clock. */
  startAt: ServerTime;
  /** One pass; a loop starts the next pass right at the end of this one. */
  durationMs: Millis;
  loop: boolean;
  events: RecordedEvent[];
  /** A room recording's players: each track sounds as a player of its own, in its colour. */
  tracks?: RecordingTrack[];
}

export interface PlayRequest {
  recordingId: RecordingId;
  loop: boolean;
}

export const playRequestSchema = z.strictObject({
  recordingId: z.string().min(1).max(64),
  loop: z.boolean(),
}) satisfies z.ZodType<PlayRequest>;

export const playbackIdSchema = z.string().min(1).max(64);
