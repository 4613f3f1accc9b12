import { describe, expect, it } from "vitest";
import { storedSoundSettings, storeSoundSettings } from "./soundSettings";
import { memoryStorage } from "../testing/memoryStorage";

describe("sound settings", () => {
  it("has defaults on a first visit, the device's quality among them", () => {
    expect(storedSoundSettings(memoryStorage())).toEqual({
      volume: 0.8,
      reverb: "room",
      velocityCurve: "normal",
      transpose: 0,
      octave: 0,
    });
  });

  it("keeps what was chosen", () => {
    const storage = memoryStorage();
    const chosen = {
      quality: "concert",
      volume: 0.5,
      reverb: "off",
      velocityCurve: "fixed",
      transpose: -3,
      octave: 1,
    } as const;
    storeSoundSettings(chosen, storage);
    expect(storedSoundSettings(storage)).toEqual(chosen);
  });

  it("falls back to the default for each unreadable setting, and for unreadable JSON", () => {
    const storage = memoryStorage();
    storage.setItem(
      "nicepiano.sound",
      JSON.stringify({ volume: 7, transpose: 40, reverb: "<b>", octave: 2 }),
    );
    expect(storedSoundSettings(storage)).toMatchObject({
      volume: 0.8,
      transpose: 0,
      reverb: "room",
      octave: 2,
    });
    storage.setItem("nicepiano.sound", "{not json");
    expect(storedSoundSettings(storage).volume).toBe(0.8);
    storage.setItem("nicepiano.sound", JSON.stringify({ quality: "ultra" }));
    expect(storedSoundSettings(storage).quality).toBeUndefined();
  });
});
