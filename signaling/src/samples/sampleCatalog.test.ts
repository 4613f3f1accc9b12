import { describe, expect, it } from "vitest";
import { planSamples } from "../../../client/src/audio/piano/loadPlan";
import { buildSampleCatalog, requestedSampleName } from "./sampleCatalog";

describe("sample catalog", () => {
  const catalog = buildSampleCatalog();

  it("names sharps the way the piano asks for them", () => {
    expect(requestedSampleName("harmSD#1.mp3")).toBe("harmSDs1.mp3");
    expect(requestedSampleName("Ds1v6.mp3")).toBe("Ds1v6.mp3");
  });

  it("holds every file the piano asks for, up to Concert", () => {
    const missing = planSamples("concert").filter((job) => !catalog.has(job.file));
    expect(missing).toEqual([]);
    expect([...catalog.keys()].filter((name) => /v\d+\.mp3$/.test(name))).toHaveLength(16 * 30);
  });

  it("holds every string, release, pedal and harmonic sample of a two-layer piano", () => {
    // A0 … C8 in minor thirds: the 30 notes the Salamander set was sampled at.
    const sampled = ["A0", "C1", "Ds1", "Fs1", "A1", "C8"];
    for (const note of sampled) {
      expect(catalog.has(`${note}v6.mp3`), note).toBe(true);
      expect(catalog.has(`${note}v12.mp3`), note).toBe(true);
    }
    for (let key = 1; key <= 88; key++) expect(catalog.has(`rel${key}.mp3`)).toBe(true);
    for (const pedal of ["pedalD1", "pedalD2", "pedalU1", "pedalU2"]) {
      expect(catalog.has(`${pedal}.mp3`)).toBe(true);
    }
    expect(catalog.has("harmSDs1.mp3")).toBe(true);
    expect(catalog.has("harmSFs5.mp3")).toBe(true);
    expect([...catalog.keys()].filter((name) => /v(6|12)\.mp3$/.test(name))).toHaveLength(60);
  });
});
