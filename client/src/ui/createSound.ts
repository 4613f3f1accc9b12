import { createSignal } from "solid-js";
import type { PianoProgress } from "../audio/piano/sampleLoader";
import type { PianoEngine } from "../audio/pianoEngine";
import {
  chosenQuality,
  storedSoundSettings,
  storeSoundSettings,
  type SoundSettings,
} from "../audio/soundSettings";

/**
 * The piano's sound as Solid state: this listener's settings, how far the samples have
 * loaded, why they could not, and whether the browser lets it play yet (audio starts with
 * the first touch).
 */
export function createSound(engine: PianoEngine) {
  const [settings, setSettings] = createSignal(storedSoundSettings());
  const [progress, setProgress] = createSignal<PianoProgress>();
  const [loadError, setLoadError] = createSignal<string>();
  const [audioRunning, setAudioRunning] = createSignal(engine.running);
  engine.onStateChange(() => setAudioRunning(engine.running));
  let started = false;
  const apply = ({ volume, reverb }: SoundSettings) => {
    engine.output.volume = volume;
    engine.output.reverb = reverb;
  };
  apply(settings());

  const quality = () => chosenQuality(settings());
  const loadQuality = () => {
    setLoadError(undefined);
    engine.load(quality(), setProgress).catch((reason: unknown) => {
      setLoadError(
        `The piano sounds could not be loaded (${String(reason)}). Reload to try again.`,
      );
    });
  };

  return {
    settings,
    quality,
    progress,
    loadError,
    audioRunning,
    /** Starts loading the samples, once however often asked. */
    load: () => {
      if (started) return;
      started = true;
      loadQuality();
    },
    /** Keeps a changed setting in this browser; a new quality loads what it lacks. */
    change: (changes: Partial<SoundSettings>) => {
      const before = quality();
      const next = { ...settings(), ...changes };
      setSettings(next);
      storeSoundSettings(next);
      apply(next);
      if (started && quality() !== before) loadQuality();
    },
    /** The output's level now (dBFS), for the meter. */
    level: () => engine.output.level(),
    /** What this machine's audio adds to a note (ms). */
    latency: () => engine.latency(),
    /** Starts the audio if the browser has not let it yet (call from a user gesture). */
    unlock: () => {
      if (engine.running) return;
      void engine.unlock();
    },
  };
}
