import { describe, expect, it } from "vitest";
import { layerFile, layerForVelocity, noteName, releaseFile, SAMPLED_NOTES } from "./salamander";

describe("Salamander names", () => {
  it("names keys the way the served files are named", () => {
    expect(noteName(21)).toBe("A0");
    expect(noteName(60)).toBe("C4");
    expect(layerFile(63, 8)).toBe("Ds4v8.mp3");
    expect(releaseFile(21)).toBe("rel1.mp3");
    expect(releaseFile(108)).toBe("rel88.mp3");
    expect(SAMPLED_NOTES).toHaveLength(30);
    expect(SAMPLED_NOTES.at(-1)).toBe(108);
  });

  it("maps velocities 1–127 onto layers 1–16", () => {
    expect(layerForVelocity(1)).toBe(1);
    expect(layerForVelocity(8)).toBe(1);
    expect(layerForVelocity(9)).toBe(2);
    expect(layerForVelocity(64)).toBe(8);
    expect(layerForVelocity(127)).toBe(16);
  });
});
