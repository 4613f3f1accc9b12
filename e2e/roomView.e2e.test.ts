import { describe, expect, it } from "vitest";
import { count, midi, shows, text, useE2eHarness } from "./support/e2eHarness";

describe("what a player sees of the piano, and letting go of stuck notes", () => {
  const harness = useE2eHarness();

  it("labels the keys, hides the others' playing for ear training, and Space on a button is no pedal", async () => {
    const ada = await harness.openRoom("view", { name: "Ada" });
    const bob = await harness.openRoom("view", { name: "Bob" });
    await expect.poll(() => count(bob, "li[data-state=open]"), { timeout: 15_000 }).toBe(1);

    expect(await text(bob, '[data-note="62"]')).toBe("");
    await bob.getByText("View", { exact: true }).click();
    await bob.getByLabel("Key labels").selectOption("solfege");
    expect(await text(bob, '[data-note="62"]')).toBe("Re");
    expect(await text(bob, '[data-note="60"]')).toBe("Do4");
    await bob.getByLabel("Key labels").selectOption("letters");
    expect(await text(bob, '[data-note="64"]')).toBe("E");

    // Ear training: Bob hears Ada's note but sees no key of hers; his own still light.
    await bob.getByLabel("Hide what the others play (ear training)").check();
    const heard = await bob.evaluate(() => window.__audioStarts);
    await midi(ada, [0x90, 67, 100]);
    await expect.poll(() => bob.evaluate(() => window.__audioStarts)).toBeGreaterThan(heard);
    expect(await count(bob, ".key[data-lit]")).toBe(0);
    await midi(ada, [0x80, 67, 0]);
    await bob.keyboard.down("KeyA");
    await expect.poll(() => count(bob, ".key[data-lit]")).toBe(1);
    await bob.keyboard.up("KeyA");
    // The settings stay in Bob's browser.
    await bob.reload();
    await bob.waitForSelector("li[data-self]");
    await bob.getByText("View", { exact: true }).click();
    expect(await bob.getByLabel("Key labels").inputValue()).toBe("letters");

    // Space presses a focused button, and is no pedal then.
    await bob.getByRole("button", { name: "Copy link" }).focus();
    await bob.keyboard.down("Space");
    await bob.waitForTimeout(300);
    expect(await text(bob, ".sustain")).toBe("Sustain up");
    await bob.keyboard.up("Space");
    // Elsewhere, Space is the pedal.
    await bob.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await bob.keyboard.down("Space");
    await shows(bob, ".sustain", "Sustain down");
    await bob.keyboard.up("Space");
    await shows(bob, ".sustain", "Sustain up");
  });

  it("lets go of a held pedal and keys here, and the owner does it for the whole room", async () => {
    const ada = await harness.openRoom("stuck", { name: "Ada" });
    const bob = await harness.openRoom("stuck", { name: "Bob" });
    await expect.poll(() => count(bob, "li[data-state=open]"), { timeout: 15_000 }).toBe(1);

    // Bob's pedal and a key stay down (say his MIDI cable came out).
    await midi(bob, [0xb0, 64, 127]);
    await midi(bob, [0x90, 60, 100]);
    await shows(ada, ".sustain", "Sustain down");
    await expect.poll(() => count(ada, ".key[data-lit]")).toBe(1);

    // Ada lets go here: her piano is free, Bob's is not.
    await ada.getByRole("button", { name: "Let go of all notes" }).click();
    await shows(ada, ".sustain", "Sustain up");
    expect(await count(ada, ".key[data-lit]")).toBe(0);
    expect(await text(bob, ".sustain")).toBe("Sustain down");

    // Bob holds them again; Ada, the owner, lets go for the room: Bob's page lets go of
    // his own pedal and key, and tells everyone.
    await midi(bob, [0x90, 62, 100]);
    await expect.poll(() => count(ada, ".key[data-lit]")).toBe(1);
    await ada.getByRole("button", { name: "Let go of every note in the room" }).click();
    await shows(bob, ".sustain", "Sustain up");
    await expect.poll(() => count(bob, ".key[data-lit]")).toBe(0);
    await expect.poll(() => count(ada, ".key[data-lit]")).toBe(0);
    // Bob's release reached the others' devices too: nothing of his is left down.
    await expect.poll(() => text(ada, ".sustain")).toBe("Sustain up");
  });
});
