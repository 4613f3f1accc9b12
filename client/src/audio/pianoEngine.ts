// The package index also pulls in its own MIDI input (webmidi, Node events); we need only the piano.
import { Piano } from "@tonejs/piano/build/piano/Piano";
import * as Tone from "tone";
import type { MidiNote, Velocity } from "@nicepiano/protocol";
import { limitSampleFetches } from "./limitSampleFetches";
import type { PianoOutput } from "./pianoOutput";

/** Two velocity layers (Salamander 6 and 12): a real piano's soft and loud, ~11 MB. */
export const VELOCITY_LAYERS = 2;

/**
 * The sampled grand piano (Tone.js + @tonejs/piano), with samples served by NicePiano.
 * Live notes play at once: the context's scheduling look-ahead is 0 (Tone's default of
 * 0.1 s would delay every note by 100 ms).
 */
export class PianoEngine implements PianoOutput {
  readonly #piano: Piano;
  readonly #samplesUrl: string;
  /** The browser's own context (not a wrapper), for its output timestamps. */
  readonly #audio: AudioContext;
  #loaded = false;

  constructor(samplesUrl = "/samples/") {
    this.#samplesUrl = samplesUrl;
    this.#audio = new AudioContext({ latencyHint: "interactive" });
    Tone.setContext(new Tone.Context({ context: this.#audio, lookAhead: 0 }));
    this.#piano = new Piano({ velocities: VELOCITY_LAYERS, url: samplesUrl }).toDestination();
  }

  /** Loads every sample, reporting the fraction done (0–1) as files arrive. */
  async load(onProgress: (fraction: number) => void): Promise<void> {
    // Four of the browser's six connections to the server: the API keeps two.
    const restoreFetch = limitSampleFetches(this.#samplesUrl, 4);
    const loading = this.#piano.load();
    // Tone keeps the downloads in flight in one list; watch it shrink.
    let peak = 0;
    const timer = setInterval(() => {
      const pending = Tone.ToneAudioBuffer.downloads.length;
      peak = Math.max(peak, pending);
      if (peak > 0) onProgress((peak - pending) / peak);
    }, 100);
    try {
      await loading;
      this.#loaded = true;
      onProgress(1);
    } finally {
      clearInterval(timer);
      restoreFetch();
    }
  }

  /** The browser's audio context, for other sounds on the same clock (the metronome). */
  get context(): AudioContext {
    return this.#audio;
  }

  get loaded(): boolean {
    return this.#loaded;
  }

  /** Browsers start audio suspended until a user gesture. */
  get running(): boolean {
    return Tone.getContext().state === "running";
  }

  /** Calls `listener` whenever the audio context starts or stops. */
  onStateChange(listener: () => void): void {
    Tone.getContext().on("statechange", listener);
  }

  /** Call from a user gesture (click, key, touch). */
  async unlock(): Promise<void> {
    await Tone.start();
  }

  /**
   * The audio-clock time (seconds) at which a sound is heard `fromNowMs` from now; past
   * times mean now. `currentTime` only advances once per audio callback (21 ms at 1024
   * frames in Chromium), so the context's output timestamp, which pairs a context time
   * with the moment it is heard, gives the exact mapping where the browser has it.
   */
  audioTimeIn(fromNowMs: number): number {
    const delayMs = Math.max(0, fromNowMs);
    const stamp = this.#audio.getOutputTimestamp?.();
    if (stamp?.performanceTime && stamp.contextTime !== undefined) {
      const heardAt = performance.now() + delayMs;
      const time = stamp.contextTime + (heardAt - stamp.performanceTime) / 1000;
      return Math.max(this.#audio.currentTime, time);
    }
    return Tone.immediate() + delayMs / 1000;
  }

  // Before the samples arrive, playing is silent rather than an error.
  keyDown(note: MidiNote, velocity: Velocity, time?: number): void {
    if (this.#loaded) this.#piano.keyDown({ midi: note, velocity: velocity / 127, ...at(time) });
  }

  keyUp(note: MidiNote, time?: number): void {
    if (this.#loaded) this.#piano.keyUp({ midi: note, ...at(time) });
  }

  pedalDown(time?: number): void {
    if (this.#loaded) this.#piano.pedalDown(at(time));
  }

  pedalUp(time?: number): void {
    if (this.#loaded) this.#piano.pedalUp(at(time));
  }

  /** Releases the audio graph. Safe to call twice. */
  dispose(): void {
    if (this.#piano.disposed) return;
    this.#piano.dispose();
    void this.#audio.close();
  }
}

/** @tonejs/piano plays at once when no time is given. */
function at(time: number | undefined): { time?: number } {
  return time === undefined ? {} : { time };
}
