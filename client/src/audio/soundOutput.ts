import { impulseResponse, wetLevel } from "./roomReverb";
import type { Reverb } from "./soundSettings";

/**
 * What this listener hears the piano through: the direct sound and the room's reverberation,
 * the master volume, and a meter of what reaches the speakers. Only this page's sound: the
 * others hear the room through their own.
 */
export class SoundOutput {
  /** The piano plays into this. */
  readonly input: GainNode;
  readonly #context: BaseAudioContext;
  readonly #master: GainNode;
  readonly #wet: GainNode;
  readonly #meter: AnalyserNode;
  readonly #samples: Float32Array<ArrayBuffer>;
  #convolver: ConvolverNode | undefined;
  #reverb: Reverb = "off";

  constructor(context: BaseAudioContext, destination: AudioNode = context.destination) {
    this.#context = context;
    this.input = context.createGain();
    this.#wet = context.createGain();
    this.#master = context.createGain();
    this.#meter = context.createAnalyser();
    this.#meter.fftSize = 2048;
    this.#samples = new Float32Array(this.#meter.fftSize);
    this.input.connect(this.#master);
    this.#wet.connect(this.#master);
    this.#master.connect(this.#meter).connect(destination);
  }

  set volume(volume: number) {
    // A fader's travel is heard in decibels: its square is close to how loud it sounds.
    this.#master.gain.value = volume * volume;
  }

  get reverb(): Reverb {
    return this.#reverb;
  }

  /** Off takes the convolver out of the graph, so it costs nothing. */
  set reverb(reverb: Reverb) {
    if (reverb === this.#reverb) return;
    this.#reverb = reverb;
    if (this.#convolver) {
      this.input.disconnect(this.#convolver);
      this.#convolver.disconnect();
    }
    this.#convolver = undefined;
    this.#wet.gain.value = wetLevel(reverb);
    if (reverb === "off") return;
    this.#convolver = this.#context.createConvolver();
    this.#convolver.buffer = impulseResponse(this.#context, reverb);
    this.input.connect(this.#convolver).connect(this.#wet);
  }

  /** The output's level now (dBFS, RMS over the last ~43 ms); −Infinity when silent. */
  level(): number {
    this.#meter.getFloatTimeDomainData(this.#samples);
    let sum = 0;
    for (const sample of this.#samples) sum += sample * sample;
    return 10 * Math.log10(sum / this.#samples.length);
  }

  dispose(): void {
    this.#convolver?.disconnect();
    this.#master.disconnect();
  }
}
