/**
 * The piano's own code, run in Chromium on an OfflineAudioContext with the served samples,
 * for the render tests (`e2e/pianoRender.e2e.test.ts`). Each render returns measurements,
 * not audio: levels in dBFS and differences between renders.
 */
import { planSamples } from "../../client/src/audio/piano/loadPlan";
import { PianoVoices } from "../../client/src/audio/piano/pianoVoices";
import type { PianoQuality } from "../../client/src/audio/piano/pianoQuality";
import { SampleBank } from "../../client/src/audio/piano/sampleBank";
import { layerFile } from "../../client/src/audio/piano/salamander";
import { decodeSampleFile } from "../../client/src/audio/piano/sampleFile";
import { SoundOutput } from "../../client/src/audio/soundOutput";
import type { Reverb } from "../../client/src/audio/soundSettings";

const RATE = 48_000;

function offline(seconds: number): OfflineAudioContext {
  return new OfflineAudioContext(2, Math.round(seconds * RATE), RATE);
}

/** A served sample as the app decodes and shapes it. */
const sample = (context: BaseAudioContext, file: string) =>
  decodeSampleFile(context, `/samples/${file}`);

/** RMS level (dBFS) of both channels between `from` and `to` seconds. */
function levelDb(audio: AudioBuffer, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let channel = 0; channel < audio.numberOfChannels; channel++) {
    const samples = audio.getChannelData(channel);
    for (let i = Math.round(from * RATE); i < Math.min(samples.length, to * RATE); i++) {
      sum += samples[i]! ** 2;
      count++;
    }
  }
  return 10 * Math.log10(sum / count);
}

function largestDifference(a: AudioBuffer, b: AudioBuffer): number {
  let largest = 0;
  for (let channel = 0; channel < a.numberOfChannels; channel++) {
    const [x, y] = [a.getChannelData(channel), b.getChannelData(channel)];
    for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]! - y[i]!));
  }
  return largest;
}

const renders = {
  /**
   * Middle C struck alone at each velocity, with every layer of `quality` loaded: the layer
   * each took and how loud its first half second was.
   */
  async loudness(quality: PianoQuality, velocities: number[]) {
    const results: { velocity: number; layer: number; db: number }[] = [];
    const loader = offline(1);
    const bank = new SampleBank<AudioBuffer>();
    const jobs = planSamples(quality).filter((job) => job.kind === "note" && job.note === 60);
    for (const job of jobs) {
      if (job.kind === "note") bank.add(job.layer, job.note, await sample(loader, job.file));
    }
    for (const velocity of velocities) {
      const context = offline(0.6);
      const output = new SoundOutput(context);
      const voices = new PianoVoices(context, bank, output.input);
      voices.keyDown(60, velocity, 0);
      const audio = await context.startRendering();
      results.push({
        velocity,
        layer: bank.choose(60, velocity)!.layer,
        db: levelDb(audio, 0, 0.5),
      });
    }
    return results;
  },

  /**
   * Middle C held for 3 s while, at 1 s, the rest of the middle register and a louder layer
   * arrive; a second key struck after them. Against the same render without the arrival:
   * how much the held note differs, how loud it still is after it, and the layer the
   * second key took.
   */
  async heldAcrossSwap() {
    const loader = offline(1);
    const soft = await sample(loader, layerFile(60, 8));
    const later = {
      e4: await sample(loader, layerFile(63, 8)),
      loud: await sample(loader, layerFile(60, 14)),
    };
    const render = async (swap: boolean) => {
      const context = offline(3);
      const bank = new SampleBank<AudioBuffer>();
      bank.add(8, 60, soft);
      const voices = new PianoVoices(context, bank, context.destination);
      voices.keyDown(60, 110, 0);
      let secondLayer = 0;
      void context.suspend(1).then(() => {
        if (swap) {
          bank.add(8, 63, later.e4);
          bank.add(14, 60, later.loud);
        }
        context.resume().catch(() => {});
      });
      void context.suspend(2).then(() => {
        secondLayer = bank.choose(61, 110)!.layer;
        context.resume().catch(() => {});
      });
      return { audio: await context.startRendering(), secondLayer, voices: voices.count };
    };
    const swapped = await render(true);
    const alone = await render(false);
    return {
      difference: largestDifference(swapped.audio, alone.audio),
      beforeDb: levelDb(swapped.audio, 0.5, 1),
      afterDb: levelDb(swapped.audio, 1, 1.5),
      lateDb: levelDb(swapped.audio, 2.5, 3),
      secondLayer: swapped.secondLayer,
    };
  },

  /**
   * A chord struck at 0 and let go at 0.4 s through `reverb`: its level while held, in the
   * 0.2 s after the dampers fall and later, and how far the render is from the same chord
   * with no SoundOutput at all (the dry piano).
   */
  async reverbTail(reverb: Reverb) {
    const loader = offline(1);
    const bank = new SampleBank<AudioBuffer>();
    for (const note of [57, 60, 63, 66])
      bank.add(8, note, await sample(loader, layerFile(note, 8)));
    const render = async (through: Reverb | "bare") => {
      const context = offline(2);
      let input: AudioNode = context.destination;
      if (through !== "bare") {
        const output = new SoundOutput(context);
        output.volume = 1;
        output.reverb = through;
        input = output.input;
      }
      const voices = new PianoVoices(context, bank, input);
      for (const note of [57, 60, 64]) voices.keyDown(note, 80, 0);
      for (const note of [57, 60, 64]) voices.keyUp(note, 0.4);
      return context.startRendering();
    };
    const audio = await render(reverb);
    return {
      heldDb: levelDb(audio, 0, 0.4),
      tailDb: levelDb(audio, 0.9, 1.4),
      differenceFromDry: largestDifference(audio, await render("bare")),
    };
  },
};

declare global {
  interface Window {
    pianoRender: typeof renders;
  }
}
window.pianoRender = renders;
