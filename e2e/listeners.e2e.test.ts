import { describe, expect, it } from "vitest";
import { count, midi, pause, shows, useE2eHarness } from "./support/e2eHarness";

describe("a class: listeners beyond the performer limit", () => {
  const harness = useE2eHarness({ maxRoomMembers: 2 });

  it("lets a third page listen through the server: it hears the players, they do not hear it", async () => {
    const ada = await harness.openRoom("class", { name: "Ada", samples: false });
    const bob = await harness.openRoom("class", { name: "Bob", samples: false });
    const cy = await harness.openRoom("class", { name: "Cy" });
    await shows(cy, ".notice", "You are listening");
    await shows(cy, ".notice", "all the players it takes");
    await shows(ada, "ul[aria-label=Listeners]", "Cy");
    await expect.poll(() => count(ada, "li[data-state=open]"), { timeout: 15_000 }).toBe(1);

    const before = await cy.evaluate(() => window.__audioStarts);
    await midi(ada, [0x90, 60, 100]);
    const key = cy.locator('.key[data-note="60"]');
    await expect.poll(() => key.getAttribute("data-lit"), { timeout: 5000 }).toBe("true");
    const adaColor = await ada
      .locator("li[data-self] .dot")
      .evaluate((dot) => getComputedStyle(dot).backgroundColor);
    expect(await key.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      adaColor,
    );
    await expect.poll(() => cy.evaluate(() => window.__audioStarts)).toBeGreaterThan(before);
    // The falling notes show it in Ada's colour, above its key.
    const bar = () =>
      cy.locator("canvas.falling-notes").evaluate((canvas: HTMLCanvasElement, color) => {
        const { data, width } = canvas
          .getContext("2d")!
          .getImageData(0, 0, canvas.width, canvas.height);
        const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
        const xs: number[] = [];
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] === r && data[i + 1] === g && data[i + 2] === b) xs.push((i / 4) % width);
        }
        const scale = canvas.clientWidth / canvas.width;
        const left = canvas.getBoundingClientRect().left;
        return xs.length === 0 ? null : left + ((Math.min(...xs) + Math.max(...xs)) / 2) * scale;
      }, adaColor);
    await expect.poll(bar, { timeout: 5000 }).not.toBeNull();
    const keyBox = (await key.boundingBox())!;
    const barCentre = (await bar())!;
    expect(barCentre).toBeGreaterThan(keyBox.x);
    expect(barCentre).toBeLessThan(keyBox.x + keyBox.width);
    await midi(ada, [0x80, 60, 0]);
    await expect.poll(() => key.getAttribute("data-lit"), { timeout: 5000 }).toBeNull();

    // What the listener plays stays on its page.
    await midi(cy, [0x90, 67, 100]);
    await pause(500);
    expect(await count(ada, '.key[data-note="67"][data-lit]')).toBe(0);
    expect(await count(bob, '.key[data-note="67"][data-lit]')).toBe(0);
    // And it has no peer connections to anyone.
    expect(await count(cy, "li[data-state]")).toBe(2);
    expect(await count(cy, "li[data-state=open]")).toBe(0);

    // A player leaves: the listener may take the place, and then plays with Ada directly.
    await bob.context().close();
    await cy.getByRole("button", { name: "A player's place is free: play" }).click();
    await expect.poll(() => count(cy, ".notice"), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => count(ada, "li[data-state=open]"), { timeout: 15_000 }).toBe(1);
    await midi(cy, [0x90, 69, 100]);
    await expect
      .poll(() => count(ada, '.key[data-note="69"][data-lit]'), { timeout: 5000 })
      .toBe(1);
    for (const page of [ada, cy]) await page.context().close();
  }, 120_000);
});
