import { describe, expect, it } from "vitest";
import { count, midi, useE2eHarness } from "./support/e2eHarness";

describe("a listener's sound settings", () => {
  const t = useE2eHarness();

  it("transpose the MIDI keyboard for everyone, stay in this browser, and show the audio's latency", async () => {
    const ada = await t.openRoom("settings", { name: "Ada" });
    const bob = await t.openRoom("settings", { name: "Bob" });
    await ada.waitForSelector("li[data-state=open]", { timeout: 20_000 });

    await ada.getByLabel("Transpose").selectOption("2");
    await ada.getByLabel("Octave").selectOption("-1");
    await ada.getByLabel("Reverb").selectOption("hall");
    await ada.getByLabel("Velocity curve").selectOption("fixed");
    await midi(ada, [0x90, 60, 20]);
    // Middle C on Ada's keyboard is D3 in the room: Bob sees that key, not C4.
    await expect.poll(() => count(bob, '.key[data-note="50"][data-lit]')).toBe(1);
    expect(await count(bob, '.key[data-note="60"][data-lit]')).toBe(0);
    await midi(ada, [0x80, 60, 0]);
    await expect.poll(() => count(bob, ".key[data-lit]")).toBe(0);

    // Kept in Ada's browser only.
    await ada.reload();
    await ada.waitForSelector("li[data-self]");
    expect(await ada.getByLabel("Transpose").inputValue()).toBe("2");
    expect(await ada.getByLabel("Reverb").inputValue()).toBe("hall");
    expect(await bob.getByLabel("Transpose").inputValue()).toBe("0");
    expect(await bob.getByLabel("Reverb").inputValue()).toBe("room");

    const latency = Number(await ada.locator("[data-latency-ms]").getAttribute("data-latency-ms"));
    expect(latency).toBeGreaterThan(0);
  });
});
