import type { MidiNote } from "@nicepiano/protocol";
import type { SampleBank } from "./sampleBank";
import { HARMONIC_NOTES } from "./salamander";
import { SAMPLE_FADE_SECONDS } from "./shapeSample";

/** The top keys of a grand have no dampers: they ring on after the key is let go. */
const FIRST_UNDAMPED_NOTE: MidiNote = 89;
/** More voices than this and the oldest is faded out (a chord with the pedal is ~30). */
const MAX_VOICES = 96;
/** How fast a re-struck or stolen voice fades (s): short enough not to double, no click. */
const QUICK_FADE = 0.03;
/** The most a sample is raised or lowered to sound at its velocity's loudness (dB). */
const MAX_TRIM_DB = 12;

interface Voice {
  note: MidiNote;
  velocity: number;
  source: AudioBufferSourceNode;
  gain: GainNode;
  /** The key is up (the pedal holds it, or it was let go and is dying away). */
  keyUp: boolean;
  released: boolean;
}

/**
 * The piano's strings: each key struck starts a voice from the bank's sample for it, which
 * sounds until its key is let go (or, while the pedal is down, until the pedal is). A voice
 * keeps the sample it started with, whatever arrives in the bank while it sounds.
 */
export class PianoVoices {
  readonly #context: BaseAudioContext;
  readonly #bank: SampleBank<AudioBuffer>;
  readonly #output: AudioNode;
  readonly #voices: Voice[] = [];
  #pedal = false;

  constructor(context: BaseAudioContext, bank: SampleBank<AudioBuffer>, output: AudioNode) {
    this.#context = context;
    this.#bank = bank;
    this.#output = output;
  }

  /** Voices sounding or dying away. */
  get count(): number {
    return this.#voices.length;
  }

  /** Strikes `note`; false if no sample has arrived yet (the note is silent). */
  keyDown(note: MidiNote, velocity: number, time?: number): boolean {
    const choice = this.#bank.choose(note, velocity);
    if (!choice) return false;
    const at = this.#at(time);
    // The hammer strikes the string again: the old sound gives way to the new.
    for (const voice of this.#voices) if (voice.note === note) this.#fade(voice, at, QUICK_FADE);
    const source = this.#context.createBufferSource();
    source.buffer = choice.buffer;
    source.playbackRate.value = 2 ** (choice.semitones / 12);
    const gain = this.#context.createGain();
    const level = trimGain(loudnessDb(velocity) - choice.levelDb);
    // The sample's last moments fade to nothing, wherever it was cut.
    const end = at + choice.buffer.duration / source.playbackRate.value;
    gain.gain.setValueAtTime(level, at);
    gain.gain.setValueAtTime(level, Math.max(at, end - SAMPLE_FADE_SECONDS));
    gain.gain.linearRampToValueAtTime(0, end);
    source.connect(gain).connect(this.#output);
    const voice: Voice = { note, velocity, source, gain, keyUp: false, released: false };
    source.onended = () => this.#forget(voice);
    source.start(at);
    this.#voices.push(voice);
    const oldest = this.#voices.find((v) => !v.released);
    if (this.#voices.length > MAX_VOICES && oldest) this.#fade(oldest, at, QUICK_FADE);
    return true;
  }

  keyUp(note: MidiNote, time?: number): void {
    const at = this.#at(time);
    for (const voice of this.#voices) {
      if (voice.note !== note || voice.keyUp) continue;
      voice.keyUp = true;
      if (!this.#pedal) this.#damp(voice, at);
    }
  }

  pedalDown(time?: number): void {
    this.#pedal = true;
    this.#extra("pedal:down", 0.2, this.#at(time));
  }

  pedalUp(time?: number): void {
    this.#pedal = false;
    const at = this.#at(time);
    this.#extra("pedal:up", 0.2, at);
    for (const voice of this.#voices) if (voice.keyUp) this.#damp(voice, at);
  }

  /** Silences everything at once (the page is closing). */
  stopAll(): void {
    for (const voice of [...this.#voices]) this.#fade(voice, this.#context.currentTime, QUICK_FADE);
  }

  /** The damper falls on the string: a fast decay, and its own noise where loaded. */
  #damp(voice: Voice, at: number): void {
    if (voice.released || voice.note >= FIRST_UNDAMPED_NOTE) return;
    const tau = voice.note < 40 ? 0.15 : voice.note < 70 ? 0.1 : 0.07;
    this.#fade(voice, at, tau);
    const loudness = 10 ** ((loudnessDb(voice.velocity) - loudnessDb(127)) / 20);
    this.#extra(`release:${voice.note}`, 0.5 * loudness, at);
    const harmonic = nearestHarmonic(voice.note);
    if (harmonic !== undefined) {
      const loud = voice.velocity >= 64 ? "loud" : "soft";
      this.#extra(`harmonic:${loud}:${harmonic}`, 0.3 * loudness, at, voice.note - harmonic);
    }
  }

  #fade(voice: Voice, at: number, tau: number): void {
    if (voice.released) return;
    voice.released = true;
    // From the level it has at `at`: the end-of-sample fade scheduled later is dropped
    // (Firefox has no cancelAndHoldAtTime: there it fades from the note's level).
    const gain = voice.gain.gain;
    if (typeof gain.cancelAndHoldAtTime === "function") gain.cancelAndHoldAtTime(at);
    else gain.cancelScheduledValues(at);
    gain.setTargetAtTime(0, at, tau);
    voice.source.stop(at + tau * 10);
  }

  #forget(voice: Voice): void {
    voice.gain.disconnect();
    const index = this.#voices.indexOf(voice);
    if (index >= 0) this.#voices.splice(index, 1);
  }

  /** A one-shot sound of the bank's extras (Concert), if it has arrived. */
  #extra(name: string, gain: number, at: number, semitones = 0): void {
    const buffer = this.#bank.extra(name);
    if (!buffer || gain <= 0) return;
    const source = this.#context.createBufferSource();
    source.buffer = buffer;
    source.playbackRate.value = 2 ** (semitones / 12);
    const level = this.#context.createGain();
    level.gain.value = gain;
    source.connect(level).connect(this.#output);
    source.onended = () => level.disconnect();
    source.start(at);
  }

  #at(time: number | undefined): number {
    return Math.max(this.#context.currentTime, time ?? 0);
  }
}

/**
 * How loud a key struck at `velocity` sounds as it is struck (dBFS, RMS of the first
 * 200 ms): from −36 dB at the softest touch to −12 dB at the hardest, rising fastest at the
 * soft end, about as the Salamander layers do from 2 to 14. Each sample is played at the
 * loudness of its velocity, not at the loudness it was recorded with: the layers give the
 * timbre, and the keyboard is even (the recordings are not: at middle C, layer 16 is
 * quieter than layer 14).
 */
export function loudnessDb(velocity: number): number {
  return -12 - 24 * (1 - Math.min(127, Math.max(1, velocity)) / 127) ** 1.5;
}

function trimGain(db: number): number {
  return 10 ** (Math.max(-MAX_TRIM_DB, Math.min(MAX_TRIM_DB, db)) / 20);
}

function nearestHarmonic(note: MidiNote): MidiNote | undefined {
  let nearest: MidiNote | undefined;
  for (const key of HARMONIC_NOTES) {
    if (Math.abs(key - note) <= 1) nearest = key;
  }
  return nearest;
}
