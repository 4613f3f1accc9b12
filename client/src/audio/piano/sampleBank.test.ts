import { describe, expect, it } from "vitest";
import { SampleBank } from "./sampleBank";

const sample = (buffer: string) => ({ buffer, levelDb: -20 });

describe("SampleBank", () => {
  it("has nothing to play before a sample arrives", () => {
    expect(new SampleBank<string>().choose(60, 64)).toBeUndefined();
  });

  it("retunes the nearest sample of the layer nearest the velocity", () => {
    const bank = new SampleBank<string>();
    bank.add(8, 60, sample("C4v8"));
    bank.add(8, 63, sample("Ds4v8"));
    bank.add(14, 60, sample("C4v14"));
    expect(bank.choose(61, 64)).toEqual({ buffer: "C4v8", levelDb: -20, layer: 8, semitones: 1 });
    expect(bank.choose(62, 64)).toEqual({ buffer: "Ds4v8", levelDb: -20, layer: 8, semitones: -1 });
    expect(bank.choose(60, 120)).toEqual({
      buffer: "C4v14",
      levelDb: -20,
      layer: 14,
      semitones: 0,
    });
  });

  it("takes the softer of two layers as near the velocity", () => {
    const bank = new SampleBank<string>();
    bank.add(8, 60, sample("soft"));
    bank.add(10, 60, sample("loud"));
    expect(bank.choose(60, 72)?.buffer).toBe("soft"); // layer 9
  });

  it("prefers a layer that has the register over a nearer layer that does not yet", () => {
    const bank = new SampleBank<string>();
    bank.add(8, 60, sample("C4v8"));
    bank.add(8, 36, sample("C2v8"));
    bank.add(14, 60, sample("C4v14"));
    expect(bank.choose(36, 120)).toEqual({ buffer: "C2v8", levelDb: -20, layer: 8, semitones: 0 });
  });

  it("stands in with any sample, retuned, before a register has arrived", () => {
    const bank = new SampleBank<string>();
    bank.add(8, 63, sample("Ds4v8"));
    expect(bank.choose(51, 64)).toEqual({
      buffer: "Ds4v8",
      levelDb: -20,
      layer: 8,
      semitones: -12,
    });
  });
});
