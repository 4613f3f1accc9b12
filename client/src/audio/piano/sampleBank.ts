import type { MidiNote } from "@nicepiano/protocol";
import { layerForVelocity } from "./salamander";

/**
 * A sample close enough to a key to stand for it: the Salamander samples are three keys
 * apart, so within a layer every key is at most one key from one of them.
 */
const NEAR = 1;

/** The sample to play for a key, and how far to retune it. */
export interface SampleChoice<Buffer> {
  buffer: Buffer;
  layer: number;
  /** How loud the sample's attack is (dBFS), to play it at the loudness a velocity asks. */
  levelDb: number;
  /** Semitones from the sample's key to the key played (playback rate 2^(n/12)). */
  semitones: number;
}

/** A decoded sample and how loud its attack is (dBFS). */
export interface Sample<Buffer> {
  buffer: Buffer;
  levelDb: number;
}

/**
 * The decoded samples that have arrived, by velocity layer and key. Samples are added while
 * the piano plays: a choice is made per note from what is there at that moment, so a note
 * that is sounding keeps the sample it started with.
 */
export class SampleBank<Buffer> {
  readonly #layers = new Map<number, Map<MidiNote, Sample<Buffer>>>();
  readonly #extras = new Map<string, Buffer>();
  /** The files the samples came from, with the layer of each (0: an extra). */
  readonly #files = new Map<string, number>();

  add(layer: number, note: MidiNote, sample: Sample<Buffer>, file = `${layer}:${note}`): void {
    let keys = this.#layers.get(layer);
    if (!keys) this.#layers.set(layer, (keys = new Map<MidiNote, Sample<Buffer>>()));
    keys.set(note, sample);
    this.#files.set(file, layer);
  }

  /** The releases, harmonics and pedal sounds, by name (`release:60`, `pedal:down`). */
  addExtra(name: string, buffer: Buffer, file = name): void {
    this.#extras.set(name, buffer);
    this.#files.set(file, 0);
  }

  hasFile(file: string): boolean {
    return this.#files.has(file);
  }

  /**
   * Lets go of every layer but `layers` (and of the extras unless `extras`). Notes that
   * are sounding keep their samples until they end.
   */
  keepLayers(layers: readonly number[], extras: boolean): void {
    for (const layer of this.#layers.keys())
      if (!layers.includes(layer)) this.#layers.delete(layer);
    if (!extras) this.#extras.clear();
    for (const [file, layer] of this.#files) {
      if (layer === 0 ? !extras : !layers.includes(layer)) this.#files.delete(file);
    }
  }

  extra(name: string): Buffer | undefined {
    return this.#extras.get(name);
  }

  /** How many samples a layer has so far. */
  size(layer: number): number {
    return this.#layers.get(layer)?.size ?? 0;
  }

  get empty(): boolean {
    return this.#layers.size === 0;
  }

  /**
   * The sample for `note` at `velocity`: from the layer nearest the velocity's own among
   * those that have this register (the softer on a tie); before any has, the nearest
   * sample of any layer, retuned as far as needed.
   */
  choose(note: MidiNote, velocity: number): SampleChoice<Buffer> | undefined {
    const wanted = layerForVelocity(velocity);
    let best: (SampleChoice<Buffer> & { score: number }) | undefined;
    for (const [layer, keys] of this.#layers) {
      const nearest = nearestKey(keys, note);
      if (nearest === undefined) continue;
      const distance = Math.abs(nearest - note);
      // A layer that lacks this register yet only stands in when none has it.
      const score =
        (distance <= NEAR ? 0 : 1000 + distance * 16) +
        Math.abs(layer - wanted) * 2 +
        (layer > wanted ? 1 : 0);
      if (!best || score < best.score) {
        const { buffer, levelDb } = keys.get(nearest)!;
        best = { buffer, levelDb, layer, semitones: note - nearest, score };
      }
    }
    if (!best) return undefined;
    const { buffer, levelDb, layer, semitones } = best;
    return { buffer, levelDb, layer, semitones };
  }
}

function nearestKey<Buffer>(
  keys: Map<MidiNote, Sample<Buffer>>,
  note: MidiNote,
): MidiNote | undefined {
  let nearest: MidiNote | undefined;
  for (const key of keys.keys()) {
    if (nearest === undefined || Math.abs(key - note) < Math.abs(nearest - note)) nearest = key;
  }
  return nearest;
}
