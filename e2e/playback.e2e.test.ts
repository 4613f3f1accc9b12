import { describe, expect, it } from "vitest";
import {
  count,
  midi,
  pause,
  recordTake,
  shows,
  signUp,
  text,
  useE2eHarness,
} from "./support/e2eHarness";

describe("playing a recording into a room", () => {
  const harness = useE2eHarness();

  it("loops a take for the whole room until someone stops it", async () => {
    const ada = await harness.openRoom("concert", { name: "Ada" });
    await signUp(ada, "ada", "correct horse");
    // A two-note take, about 600 ms long.
    await recordTake(ada, async () => {
      await midi(ada, [0x90, 72, 100]);
      await pause(150);
      await midi(ada, [0x80, 72, 0]);
      await midi(ada, [0x90, 76, 90]);
      await pause(150);
      await midi(ada, [0x80, 76, 0]);
      await pause(300);
    });
    await ada.getByLabel("Recording name").fill("Two notes");
    await ada.getByRole("button", { name: "Save" }).click();
    await shows(ada, ".recordings", "Two notes");

    const bob = await harness.openRoom("concert", { name: "Bob" });
    await expect.poll(() => count(bob, "li[data-state=open]"), { timeout: 15_000 }).toBe(1);
    const before = await bob.evaluate(() => window.__audioStarts);
    await ada.getByRole("button", { name: "⟳ Loop" }).click();
    await shows(bob, ".now-playing", "Two notes");
    expect(await text(bob, ".now-playing")).toContain("by Ada");

    // Bob's keys light in Ada's colour while it plays; three passes take ~2 s.
    const adaColor = await ada
      .locator("li[data-self] .dot")
      .evaluate((dot) => getComputedStyle(dot).backgroundColor);
    // Lit for 150 ms a pass: watch for the colour itself, not a lit key then its colour.
    await expect
      .poll(
        () =>
          bob
            .locator('.key[data-note="72"]')
            .evaluate((key) => getComputedStyle(key).backgroundColor),
        { timeout: 5000, interval: 20 },
      )
      .toBe(adaColor);
    await pause(2200);
    const starts = (await bob.evaluate(() => window.__audioStarts)) - before;
    // Each note starts at least one sample; a loop heard at least twice is 4 notes or more.
    expect(starts).toBeGreaterThanOrEqual(4);

    await bob.getByRole("button", { name: "■ Stop" }).click();
    await expect.poll(() => count(ada, ".now-playing"), { timeout: 5000 }).toBe(0);
    await pause(300);
    const afterStop = await bob.evaluate(() => window.__audioStarts);
    await pause(1000);
    // Nothing new starts once stopped (release sounds of the last notes aside).
    expect((await bob.evaluate(() => window.__audioStarts)) - afterStop).toBeLessThanOrEqual(2);
    expect(await count(bob, ".key[data-lit]")).toBe(0);
  });
});
