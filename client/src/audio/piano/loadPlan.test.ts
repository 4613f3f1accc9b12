import { describe, expect, it } from "vitest";
import { FIRST_SAMPLES, planSamples } from "./loadPlan";
import { LAYER_ORDER } from "./pianoQuality";
import { SAMPLED_NOTES } from "./salamander";

describe("planSamples", () => {
  it("starts with the middle register of one layer", () => {
    const first = planSamples("standard").slice(0, FIRST_SAMPLES);
    expect(first.map((job) => job.file)).toEqual([
      "Ds4v8.mp3",
      "C4v8.mp3",
      "Fs4v8.mp3",
      "A3v8.mp3",
      "A4v8.mp3",
    ]);
  });

  it("completes a layer's keyboard before it starts the next", () => {
    const jobs = planSamples("standard");
    const layers = jobs.map((job) => (job.kind === "note" ? job.layer : 0));
    expect(layers.slice(0, 30).every((layer) => layer === 8)).toBe(true);
    expect(layers[30]).toBe(14);
    expect(new Set(jobs.slice(0, 30).map((job) => job.file)).size).toBe(SAMPLED_NOTES.length);
  });

  it("gives Standard 8 layers and Light 2, each a start of the next quality's", () => {
    expect(planSamples("light")).toHaveLength(2 * 30);
    expect(planSamples("standard")).toHaveLength(8 * 30);
    expect(LAYER_ORDER.standard.slice(0, 2)).toEqual(LAYER_ORDER.light);
    expect(LAYER_ORDER.concert.slice(0, 8)).toEqual(LAYER_ORDER.standard);
    expect(new Set(LAYER_ORDER.concert).size).toBe(16);
  });

  it("adds the releases, the pedal and the harmonics to Concert, after its layers", () => {
    const jobs = planSamples("concert");
    const kinds = jobs.map((job) => job.kind);
    expect(kinds.filter((kind) => kind === "note")).toHaveLength(16 * 30);
    expect(kinds.filter((kind) => kind === "release")).toHaveLength(88);
    expect(kinds.lastIndexOf("note")).toBeLessThan(kinds.indexOf("release"));
    expect(jobs.map((job) => job.file)).toContain("harmSDs4.mp3");
    expect(jobs.map((job) => job.file)).toContain("rel88.mp3");
  });
});
