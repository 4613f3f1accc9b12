import { randomUUID } from "node:crypto";
import {
  ackError,
  ackOk,
  parseWith,
  PLAYBACK_LEAD_MS,
  playbackIdSchema,
  playRequestSchema,
  type Playback,
} from "@nicepiano/protocol";
import { guarded, replyTo } from "../ack";
import { recheckToken } from "../auth/tokenRecheck";
import type { TokenVerifier } from "../auth/tokenVerifier";
import type { Logger } from "../logger";
import type { ClientSocket } from "../types";
import type { RecordingsInPlay } from "./recordingsInPlay";
import type { RoomPlaybacks } from "./roomPlaybacks";

export interface PlaybackDeps {
  /** The store's recordings, each read once while it plays. */
  recordings: RecordingsInPlay;
  /** Checks the player's token again before their recording plays. */
  verifier: TokenVerifier;
  playbacks: RoomPlaybacks;
  logger: Logger;
}

/**
 * `play` and `stopPlayback`. Only a signed-in player plays, and only their own recordings
 * (the store answers for the owner alone), one at a time, a few in a room
 * (`LIMITS.playbacksPerRoom`); any player in the room may stop a playback.
 */
export function registerPlaybackHandlers(socket: ClientSocket, deps: PlaybackDeps): void {
  const { recordings, playbacks, verifier, logger } = deps;

  socket.on(
    "play",
    guarded(logger, "play", async (raw: unknown, ack: unknown) => {
      const reply = replyTo<Playback>(ack);
      const parsed = parseWith(playRequestSchema, raw);
      if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
      const { account, room, member } = socket.data;
      if (member?.listener) return reply(ackError("listening"));
      if (!account) return reply(ackError("unauthorized", "Sign in to play your recordings."));
      if (!room || !member) return reply(ackError("not-in-room"));
      const full = playbacks.refusal(room, member.id);
      if (full) return reply(ackError(full));
      // Signed in hours ago, maybe signed out elsewhere since.
      const refused = await recheckToken(socket, verifier);
      if (refused) return reply(ackError(refused.code, refused.message));
      const recording = await recordings.hold(account.id, parsed.value.recordingId);
      if (!recording) return reply(ackError("not-found"));
      // Asked twice at once, both passed the first check: the second is refused now.
      const moved = socket.data.room !== room ? "not-in-room" : null;
      const filled = moved ?? playbacks.refusal(room, member.id);
      if (filled) {
        recordings.release(recording.id);
        return reply(ackError(filled));
      }
      const playback = {
        id: randomUUID(),
        recordingId: recording.id,
        recordingName: recording.name,
        by: member.id,
        startAt: Date.now() + PLAYBACK_LEAD_MS,
        // A pass lasts at least a moment, so a loop of an empty take does not spin.
        durationMs: Math.max(100, recording.endTime - recording.startTime),
        loop: parsed.value.loop,
      };
      const started = playbacks.start(room, playback, recording);
      logger.info(
        { peer: socket.id, room, playback: playback.id, loop: playback.loop },
        "playback",
      );
      reply(ackOk(started));
    }),
  );

  socket.on("stopPlayback", (raw: unknown, ack: unknown) => {
    const reply = replyTo<null>(ack);
    const parsed = parseWith(playbackIdSchema, raw);
    if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
    const { room, member } = socket.data;
    if (!room) return reply(ackError("not-in-room"));
    if (member?.listener) return reply(ackError("listening"));
    if (!playbacks.stop(room, parsed.value))
      return reply(ackError("not-found", "Nothing is playing under that id."));
    reply(ackOk(null));
  });
}
