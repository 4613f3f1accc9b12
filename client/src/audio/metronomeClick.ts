/** Click pitches (Hz): the downbeat higher, so the bar can be heard. */
const ACCENT_HZ = 1760;
const BEAT_HZ = 1175;
const CLICK_SECONDS = 0.03;

/**
 * The metronome's sound: a short decaying tone, made once per pitch and played from a
 * buffer (so it is scheduled to the sample, like the piano's own samples).
 */
export class MetronomeClick {
  readonly #context: AudioContext;
  readonly #gain: GainNode;
  readonly #buffers = new Map<number, AudioBuffer>();

  constructor(context: AudioContext, volume = 0.5) {
    this.#context = context;
    this.#gain = context.createGain();
    this.#gain.gain.value = volume;
    this.#gain.connect(context.destination);
  }

  /** Clicks at audio-clock `time` (seconds). */
  click(time: number, accent: boolean): void {
    const source = this.#context.createBufferSource();
    source.buffer = this.#buffer(accent ? ACCENT_HZ : BEAT_HZ);
    source.connect(this.#gain);
    source.start(time);
  }

  dispose(): void {
    this.#gain.disconnect();
  }

  #buffer(hz: number): AudioBuffer {
    let buffer = this.#buffers.get(hz);
    if (!buffer) {
      const { sampleRate } = this.#context;
      buffer = this.#context.createBuffer(1, Math.ceil(CLICK_SECONDS * sampleRate), sampleRate);
      const samples = buffer.getChannelData(0);
      for (let i = 0; i < samples.length; i++) {
        const t = i / sampleRate;
        samples[i] = Math.sin(2 * Math.PI * hz * t) * Math.exp(-t / (CLICK_SECONDS / 5));
      }
      this.#buffers.set(hz, buffer);
    }
    return buffer;
  }
}
