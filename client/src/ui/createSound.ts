import { createSignal } from "solid-js";
import type { PianoEngine } from "../audio/pianoEngine";

/**
 * The piano's sound as Solid state: how far its samples have loaded, why they could not,
 * and whether the browser lets it play yet (audio starts with the first touch).
 */
export function createSound(engine: PianoEngine) {
  const [progress, setProgress] = createSignal(0);
  const [loadError, setLoadError] = createSignal<string>();
  const [audioRunning, setAudioRunning] = createSignal(engine.running);
  engine.onStateChange(() => setAudioRunning(engine.running));
  let loading: Promise<void> | undefined;

  return {
    progress,
    loadError,
    audioRunning,
    /** Loads the samples, once however often asked. */
    load: () => {
      loading ??= engine.load(setProgress).catch((reason: unknown) => {
        setLoadError(
          `The piano sounds could not be loaded (${String(reason)}). Reload to try again.`,
        );
      });
    },
    /** Starts the audio if the browser has not let it yet (call from a user gesture). */
    unlock: () => {
      if (engine.running) return;
      void engine.unlock();
    },
  };
}
