import type { Reverb } from "./soundSettings";

/** Each room's reverberation time (s, to −60 dB) and how much of it is heard. */
const ROOMS = {
  room: { seconds: 0.7, wet: 0.22 },
  hall: { seconds: 2.4, wet: 0.3 },
} as const;

/** How long after the direct sound the first reflections come (s). */
const PRE_DELAY = 0.012;

/**
 * A room's reverberation as an impulse response for a ConvolverNode: noise, different in
 * each ear, dying away exponentially, with its highs dying faster (as air and walls take
 * them). Made from a fixed seed, so a render is the same every time.
 */
export function impulseResponse(
  context: BaseAudioContext,
  room: Exclude<Reverb, "off">,
): AudioBuffer {
  const { seconds } = ROOMS[room];
  const rate = context.sampleRate;
  const length = Math.round((seconds + PRE_DELAY) * rate);
  const buffer = context.createBuffer(2, length, rate);
  let seed = 0x2545f491;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return ((seed >>> 0) / 0xffffffff) * 2 - 1;
  };
  // −60 dB at `seconds`, as a factor per sample (a power per sample would cost ~36 ms).
  const step = 10 ** (-3 / (seconds * rate));
  const start = Math.round(PRE_DELAY * rate);
  for (let channel = 0; channel < 2; channel++) {
    const samples = buffer.getChannelData(channel);
    let smoothed = 0;
    let decay = 1;
    for (let i = start; i < length; i++) {
      // A one-pole low-pass that closes as the tail goes on.
      const closing = 0.9 - (0.7 * (i - start)) / (seconds * rate);
      smoothed += (random() - smoothed) * closing;
      samples[i] = smoothed * decay;
      decay *= step;
    }
  }
  return buffer;
}

/** How loud the reverberated sound is, beside the direct one. */
export function wetLevel(reverb: Reverb): number {
  return reverb === "off" ? 0 : ROOMS[reverb].wet;
}
