import type { Playback } from "@nicepiano/protocol";
import { createSignal } from "solid-js";
import type { PianoEngine } from "../audio/pianoEngine";
import type { PianoPlayers } from "../audio/pianoPlayers";
import { PlaybackScheduler, playbackPlayers } from "../audio/playbackScheduler";
import type { SharedPiano } from "../audio/sharedPiano";
import type { RoomSession } from "../room/roomSession";

export interface PlaybackWiring {
  session: RoomSession;
  piano: SharedPiano;
  engine: PianoEngine;
  /** Told here who started each playback's players, and their tracks' colours. */
  players: PianoPlayers;
}

/**
 * Recordings playing in the room, as Solid state: each announced playback is scheduled
 * on the room's clock into the shared piano, in its starter's colour.
 */
export function createPlaybacks({ session, piano, engine, players }: PlaybackWiring) {
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
      players.ended(player);
      setPlaying(scheduler.playing);
    },
  });

  session.events.on("playbackStarted", (playback) => {
    playbackPlayers(playback).forEach((player, track) => {
      players.startedBy(player, playback.by, playback.tracks?.[track]?.color);
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
