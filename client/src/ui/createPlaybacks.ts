import type { PeerId, Playback, PlayerColor } from "@nicepiano/protocol";
import { createSignal } from "solid-js";
import type { PianoEngine } from "../audio/pianoEngine";
import { PlaybackScheduler, playbackPlayers } from "../audio/playbackScheduler";
import type { SharedPiano } from "../audio/sharedPiano";
import type { RoomSession } from "../room/roomSession";

export interface PlaybackWiring {
  session: RoomSession;
  piano: SharedPiano;
  engine: PianoEngine;
  /** Filled here: which member started each playback's notes (for their colour). */
  starters: Map<PeerId, PeerId>;
  /** Filled here: the colour of each track of a room recording playing. */
  trackColors: Map<PeerId, PlayerColor>;
}

/**
 * Recordings playing in the room, as Solid state: each announced playback is scheduled
 * on the room's clock into the shared piano, in its starter's colour.
 */
export function createPlaybacks({ session, piano, engine, starters, trackColors }: PlaybackWiring) {
  const [playing, setPlaying] = createSignal<Playback[]>([]);
  const [error, setError] = createSignal<string>();
  const scheduler = new PlaybackScheduler({
    now: () => session.clock.now(),
    onEvent: (player, message, at) => {
      const inMs = Math.max(0, at - session.clock.now());
      piano.apply(player, message, { time: engine.audioTimeIn(inMs), inMs });
    },
    onEnd: (player) => {
      piano.releaseAll(player);
      starters.delete(player);
      trackColors.delete(player);
      setPlaying(scheduler.playing);
    },
  });

  session.events.on("playbackStarted", (playback) => {
    playbackPlayers(playback).forEach((player, track) => {
      starters.set(player, playback.by);
      const color = playback.tracks?.[track]?.color;
      if (color) trackColors.set(player, color);
    });
    scheduler.start(playback);
    setPlaying(scheduler.playing);
  });
  session.events.on("playbackStopped", (id) => scheduler.stop(id));
  const fail = (reason: unknown) =>
    setError(reason instanceof Error ? reason.message : String(reason));

  return {
    playing,
    error,
    play: (recordingId: string, loop: boolean) => {
      setError(undefined);
      session.requests.play(recordingId, loop).catch(fail);
    },
    stop: (playbackId: string) => {
      session.requests.stopPlayback(playbackId).catch(fail);
    },
    /** Stops scheduling (the room was left or the connection lost). Safe to call twice. */
    reset: () => scheduler.destroy(),
  };
}

export type PlaybacksState = ReturnType<typeof createPlaybacks>;
