import { describe, expect, it } from "vitest";
import { count, midi, pause, shows, useE2eHarness } from "./support/e2eHarness";

describe("a class: listeners beyond the performer limit", () => {
  const harness = useE2eHarness({ maxRoomMembers: 2 });

  it("lets a third page listen through the server: it hears the players, they do not hear it", async () => {
    const ada = await harness.openRoom("class", { name: "Ada", samples: false });
    const bob = await harness.openRoom("class", { name: "Bob", samples: false });
    const cy = await harness.openRoom("class", { name: "Cy" });
    await shows(cy, "[role=status].notice", "You are listening");
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
    for (const page of [ada, bob, cy]) await page.context().close();
  });
});
