/** The longest a sample is kept (s): a held bass note is some 40 dB down by then. */
export const MAX_SAMPLE_SECONDS = 10;
/** Over how long the end of a sample fades out as it plays (s): a cut is never heard. */
export const SAMPLE_FADE_SECONDS = 1.5;

/**
 * A decoded sample as the piano keeps it: at most `MAX_SAMPLE_SECONDS` (a voice fades
 * out over the last `SAMPLE_FADE_SECONDS` of it), in one channel. A decoded second of stereo is 384 kB at 48 kHz, so this is what
 * bounds the piano's memory: a layer of 30 samples, all 432 s of it in stereo, would take
 * 166 MB; kept this way it takes ~50 MB. The one channel is the first microphone's,
 * not a mix of the two: the Salamander pair is spaced, so a mix would comb-filter, and a
 * copy is native (a JavaScript mix of one sample took ~9 ms on the main thread here).
 */
export function shapeSample(context: BaseAudioContext, decoded: AudioBuffer): AudioBuffer {
  const length = Math.min(decoded.length, Math.round(MAX_SAMPLE_SECONDS * decoded.sampleRate));
  if (length === decoded.length && decoded.numberOfChannels === 1) return decoded;
  const shaped = context.createBuffer(1, length, decoded.sampleRate);
  shaped.copyToChannel(decoded.getChannelData(0).subarray(0, length), 0);
  return shaped;
}

/** The memory a decoded buffer holds (bytes). */
export function bufferBytes(buffer: AudioBuffer): number {
  return buffer.length * buffer.numberOfChannels * 4;
}

/** How long the attack is that a sample's loudness is taken from (s). */
const ATTACK_SECONDS = 0.2;

/** The RMS level (dBFS) of a sample's first 200 ms: how loud it sounds as the key is struck. */
export function attackLevelDb(buffer: AudioBuffer): number {
  const samples = buffer.getChannelData(0);
  const length = Math.min(samples.length, Math.round(ATTACK_SECONDS * buffer.sampleRate));
  let sum = 0;
  for (let i = 0; i < length; i++) sum += samples[i]! ** 2;
  return 10 * Math.log10(sum / Math.max(1, length));
}
