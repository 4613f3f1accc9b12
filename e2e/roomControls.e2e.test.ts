import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { count, pause, shows, useE2eHarness } from "./support/e2eHarness";

/** Wall-clock times (ms) of the sounds a page scheduled from index `from` on. */
const soundsSince = (page: Page, from: number) =>
  page.evaluate((index) => window.__audioWallTimes.slice(index), from);

describe("the room's owner and its metronome, in two browsers", () => {
  const harness = useE2eHarness({ pingIntervalMs: 500 });

  it("gives the first to arrive the controls; the metronome clicks on both pages together; steady timing shows its delay", async () => {
    const ada = await harness.openRoom("tempo", { name: "Ada" });
    const bob = await harness.openRoom("tempo", { name: "Bob" });
    await shows(ada, ".controls .owner h2", "You run this room");
    await expect.poll(() => count(bob, "li[data-peer]"), { timeout: 10_000 }).toBe(2);
    expect(await count(bob, ".controls .owner")).toBe(0);
    expect(await count(bob, ".owner-actions")).toBe(0);
    await expect.poll(() => count(ada, ".owner-actions")).toBe(1);
    await expect.poll(() => count(bob, "li[data-peer] .owner-badge")).toBe(1);
    // Let both finish their clock samples.
    await pause(2000);

    const [fromAda, fromBob] = [
      await ada.evaluate(() => window.__audioWallTimes.length),
      await bob.evaluate(() => window.__audioWallTimes.length),
    ];
    await ada.getByLabel("Tempo (beats per minute)").fill("240");
    await ada.getByLabel("Tempo (beats per minute)").dispatchEvent("change");
    await ada.getByRole("button", { name: "Start metronome" }).click();
    await shows(bob, ".controls .tempo", "240 bpm");
    await expect
      .poll(async () => (await soundsSince(bob, fromBob)).length, { timeout: 10_000 })
      .toBeGreaterThan(8);
    await ada.getByRole("button", { name: "Stop metronome" }).click();

    // Beat for beat, both pages click at the same moment (the figure is measured by
    // `npm run bench:metronome`; here, only that they line up at all), a beat apart.
    const [a, b] = [await soundsSince(ada, fromAda), await soundsSince(bob, fromBob)];
    const beats = Math.min(a.length, b.length, 8);
    for (let i = 0; i < beats; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThan(25);
    for (let i = 1; i < beats; i++) expect(a[i]! - a[i - 1]!).toBeCloseTo(250, -1);

    // Bob hears the others in steady timing: the list shows the delay Ada's notes get.
    await bob.getByLabel("Timing of the others' notes").selectOption("steady");
    for (let i = 0; i < 3; i++) {
      await ada.keyboard.down("KeyA");
      await ada.keyboard.up("KeyA");
    }
    await expect
      .poll(() => bob.locator("li[data-peer] .delay").first().textContent(), { timeout: 5000 })
      .toMatch(/^steady \+\d+ ms$/);
    expect(await count(bob, 'input[aria-label="Volume of Ada"]')).toBe(1);

    // Bob mutes Ada for himself: her notes no longer sound (or light) on his page.
    await bob.getByRole("button", { name: "Mute Ada here" }).click();
    const before = await bob.evaluate(() => window.__audioStarts);
    await ada.keyboard.down("KeyD");
    await pause(500);
    expect(await count(bob, '.key[data-note="64"][data-lit]')).toBe(0);
    expect(await bob.evaluate(() => window.__audioStarts)).toBe(before);
    await ada.keyboard.up("KeyD");
    await bob.getByRole("button", { name: "Mute Ada here" }).click();
    await ada.keyboard.down("KeyD");
    await expect.poll(() => count(bob, '.key[data-note="64"][data-lit]')).toBe(1);
    await ada.keyboard.up("KeyD");

    // Ada mutes Bob for everyone; Bob sees it. Then she hands him the room.
    await ada.getByRole("button", { name: "Mute for all" }).click();
    await expect.poll(() => count(bob, "li[data-self] .muted")).toBe(1);
    await expect.poll(() => count(ada, "li[data-peer] .muted")).toBe(1);
    await ada.getByRole("button", { name: "Make owner" }).click();
    await shows(bob, ".controls .owner h2", "You run this room");
    await expect.poll(() => count(ada, ".controls .owner")).toBe(0);
    await ada.context().close();
    await bob.context().close();
  });
});
