import type { MidiNote, Velocity } from "@nicepiano/protocol";
import { PianoVoices } from "./piano/pianoVoices";
import type { PianoQuality } from "./piano/pianoQuality";
import { SAMPLES_URL } from "./piano/salamander";
import { SampleBank } from "./piano/sampleBank";
import { SampleLoader, type PianoProgress } from "./piano/sampleLoader";
import { pageAudioContext } from "./audioContext";
import type { PianoOutput } from "./pianoOutput";
import { SoundOutput } from "./soundOutput";

/** What the audio path adds between a key and its sound here (ms). */
export interface AudioLatency {
  /** The context's own processing (`baseLatency`). */
  baseMs: number;
  /** From the context to the speakers: the system's buffers and device (`outputLatency`). */
  outputMs: number;
  /** A note starts at the next render quantum after it is asked for: half of one, on average. */
  schedulingMs: number;
}

/**
 * The sampled grand piano (the Salamander samples, served by NicePiano) on the browser's
 * own audio context. It plays as soon as the middle register has arrived and grows richer
 * while it is played: each note takes the best sample there is when it starts.
 */
export class PianoEngine implements PianoOutput {
  readonly #audio: AudioContext;
  readonly #bank = new SampleBank<AudioBuffer>();
  readonly #loader: SampleLoader;
  readonly #voices: PianoVoices;
  /** Everything the piano sounds goes through here (volume, reverb, meter), to the speakers. */
  readonly output: SoundOutput;
  #disposed = false;

  constructor(samplesUrl = SAMPLES_URL) {
    this.#audio = pageAudioContext();
    this.output = new SoundOutput(this.#audio);
    this.#voices = new PianoVoices(this.#audio, this.#bank, this.output.input);
    this.#loader = new SampleLoader(this.#audio, this.#bank, { baseUrl: samplesUrl });
  }

  /**
   * Loads the samples of `quality` (what is already here stays), reporting as they
   * arrive; resolves when the last has.
   */
  load(quality: PianoQuality, onProgress: (progress: PianoProgress) => void): Promise<void> {
    return this.#loader.load(quality, onProgress);
  }

  /** The browser's audio context, for other sounds on the same clock (the metronome). */
  get context(): AudioContext {
    return this.#audio;
  }

  /** What the audio path here adds to every note (the network's share is not in it). */
  latency(): AudioLatency {
    const quantum = 128 / this.#audio.sampleRate;
    return {
      baseMs: this.#audio.baseLatency * 1000,
      outputMs: (this.#audio.outputLatency || 0) * 1000,
      schedulingMs: (quantum / 2) * 1000,
    };
  }

  /** Browsers start audio suspended until a user gesture. */
  get running(): boolean {
    return this.#audio.state === "running";
  }

  /** Calls `listener` whenever the audio context starts or stops. */
  onStateChange(listener: () => void): void {
    this.#audio.addEventListener("statechange", listener);
  }

  /** Call from a user gesture (click, key, touch). */
  async unlock(): Promise<void> {
    await this.#audio.resume();
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
    return this.#audio.currentTime + delayMs / 1000;
  }

  // Before the first samples arrive, playing is silent rather than an error.
  keyDown(note: MidiNote, velocity: Velocity, time?: number): void {
    this.#voices.keyDown(note, velocity, time);
  }

  keyUp(note: MidiNote, time?: number): void {
    this.#voices.keyUp(note, time);
  }

  pedalDown(time?: number): void {
    this.#voices.pedalDown(time);
  }

  pedalUp(time?: number): void {
    this.#voices.pedalUp(time);
  }

  /** Stops the downloads and releases the audio graph. Safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#loader.dispose();
    this.#voices.stopAll();
    this.output.dispose();
    void this.#audio.close();
  }
}
