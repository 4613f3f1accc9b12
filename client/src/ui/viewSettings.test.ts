import { describe, expect, it } from "vitest";
import { memoryStorage } from "../testing/memoryStorage";
import { keyLabel, keySizeFor, storedViewSettings, storeViewSettings } from "./viewSettings";

describe("view settings", () => {
  it("labels keys off (each C), by letter or by solfège", () => {
    expect([60, 61, 62, 64, 71].map((note) => keyLabel(note, "off"))).toEqual([
      "C4",
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([60, 61, 62, 64, 71].map((note) => keyLabel(note, "letters"))).toEqual([
      "C4",
      undefined,
      "D",
      "E",
      "B",
    ]);
    expect([60, 62, 67, 69, 71].map((note) => keyLabel(note, "solfege"))).toEqual([
      "Do4",
      "Re",
      "Sol",
      "La",
      "Si",
    ]);
  });

  it("fits all 88 keys for a mouse, and gives fingers keys of 44 px on a narrow touch screen", () => {
    expect(keySizeFor(undefined, false, 390)).toBe("fit");
    expect(keySizeFor(undefined, true, 390)).toBe(44);
    expect(keySizeFor(undefined, true, 1024)).toBe(44);
    expect(keySizeFor(undefined, true, 2560)).toBe("fit");
    expect(keySizeFor(28, true, 390)).toBe(28);
  });

  it("keeps the settings in the browser, and reads anything broken as the defaults", () => {
    const storage = memoryStorage();
    expect(storedViewSettings(storage)).toEqual({
      labels: "off",
      hideOthers: false,
      fallingNotes: true,
    });
    storeViewSettings(
      { keySize: 60, labels: "solfege", hideOthers: true, fallingNotes: false },
      storage,
    );
    expect(storedViewSettings(storage)).toMatchObject({ keySize: 60, labels: "solfege" });
    storage.setItem("nicepiano.view", '{"keySize": 3, "labels": "<b>"}');
    expect(storedViewSettings(storage)).toMatchObject({ labels: "off" });
    expect(storedViewSettings(storage).keySize).toBeUndefined();
  });
});
