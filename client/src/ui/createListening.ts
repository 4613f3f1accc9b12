import type { PeerId } from "@nicepiano/protocol";
import { createSignal, onCleanup } from "solid-js";
import { createStore } from "solid-js/store";
import type { PianoEngine } from "../audio/pianoEngine";
import type { SharedPiano } from "../audio/sharedPiano";
import { RemotePlayers } from "../audio/remotePlayers";
import { RemoteTiming, type TimingMode } from "../audio/remoteTiming";
import type { RoomSession } from "../room/roomSession";

const TIMING_KEY = "nicepiano.timing";
/** How often the steady delays shown are brought up to date. */
const SHOW_DELAYS_MS = 1000;

/**
 * How this listener hears the others, as Solid state: the timing mode (kept in this
 * browser), each player's steady delay, volume and mute here, and who is muted here for
 * flooding.
 */
export function createListening(session: RoomSession, piano: SharedPiano, engine: PianoEngine) {
  const timing = new RemoteTiming(
    () => session.clock.now(),
    (inMs) => engine.audioTimeIn(inMs),
  );
  const [mode, setMode] = createSignal<TimingMode>(
    localStorage.getItem(TIMING_KEY) === "steady" ? "steady" : "immediate",
  );
  timing.mode = mode();
  const remote = new RemotePlayers(session, piano, { timing });
  const [flooding, setFlooding] = createStore<Record<PeerId, boolean>>({});
  const [delays, setDelays] = createStore<Record<PeerId, number>>({});
  const [volumes, setVolumes] = createStore<Record<PeerId, number>>({});
  const [mutedHere, setMutedHere] = createStore<Record<PeerId, boolean>>({});
  /** A player muted here is silent whatever their volume; unmuted, back at it. */
  const applyVolume = (peer: PeerId) =>
    remote.setVolume(peer, mutedHere[peer] ? 0 : (volumes[peer] ?? 1));
  remote.events.on("muted", (peer) => setFlooding(peer, true));
  remote.events.on("unmuted", (peer) => setFlooding(peer, false));
  const timer = setInterval(() => {
    for (const peer of session.members.keys()) {
      const delay = timing.delayOf(peer);
      if (delay !== undefined) setDelays(peer, Math.round(delay));
    }
  }, SHOW_DELAYS_MS);

  onCleanup(() => {
    clearInterval(timer);
    remote.destroy();
  });

  return {
    timingMode: mode,
    setTimingMode: (next: TimingMode) => {
      localStorage.setItem(TIMING_KEY, next);
      timing.mode = next;
      setMode(next);
    },
    /** The delay each player's notes get in steady mode (ms), once any has arrived. */
    delays,
    volumes,
    setVolume: (peer: PeerId, volume: number) => {
      setVolumes(peer, volume);
      applyVolume(peer);
    },
    /** Players this listener muted for themself (the others still hear them). */
    mutedHere,
    setMutedHere: (peer: PeerId, muted: boolean) => {
      setMutedHere(peer, muted);
      applyVolume(peer);
    },
    flooding,
  };
}

export type Listening = ReturnType<typeof createListening>;
