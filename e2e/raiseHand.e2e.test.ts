import { describe, expect, it } from "vitest";
import { count, midi, shows, useE2eHarness } from "./support/e2eHarness";

describe("a listener raises a hand to play", () => {
  const harness = useE2eHarness({ maxRoomMembers: 3 });

  it("shows the owner the hand; one click and the listener plays directly with the others", async () => {
    const ada = await harness.openRoom("stage", { name: "Ada", samples: false });
    const bob = await harness.openRoom("stage", { name: "Bob", samples: false });
    await ada.getByLabel("Players at most").fill("2");
    await ada.getByLabel("Players at most").dispatchEvent("change");
    const cy = await harness.openRoom("stage", { name: "Cy" });
    await shows(cy, ".notice", "You are listening");
    await expect.poll(() => count(cy, "li[data-state=open]")).toBe(0);

    // Ada is writing a notice when the hand goes up: what she typed stays.
    await ada.getByLabel("Room notice (everyone sees it)").fill("Welcome, listeners");
    await cy.getByRole("button", { name: "✋ Raise your hand to play" }).click();
    await shows(ada, "ul[aria-label=Listeners]", "✋ asks to play");
    expect(await ada.getByLabel("Room notice (everyone sees it)").inputValue()).toBe(
      "Welcome, listeners",
    );
    await ada.getByRole("button", { name: "Set notice" }).click();
    await shows(cy, ".room-notice", "Welcome, listeners");
    await shows(bob, "ul[aria-label=Listeners]", "✋ asks to play");
    await cy.getByRole("button", { name: "Lower your hand" }).click();
    await expect.poll(() => count(ada, "ul[aria-label=Listeners] .hand")).toBe(0);
    await cy.getByRole("button", { name: "✋ Raise your hand to play" }).click();
    await shows(ada, "ul[aria-label=Listeners]", "✋ asks to play");
    // Only the owner may let them in.
    expect(await count(bob, "button.promote")).toBe(0);

    await ada.getByRole("button", { name: "Let Cy play" }).click();
    await expect.poll(() => count(cy, ".notice"), { timeout: 10_000 }).toBe(0);
    // Cy joins the mesh: a data channel to each player, and Cy's notes reach them directly.
    await expect.poll(() => count(cy, "li[data-state=open]"), { timeout: 20_000 }).toBe(2);
    await expect.poll(() => count(ada, "ul[aria-label=Listeners] li")).toBe(0);
    expect(await ada.getByLabel("Players at most").inputValue()).toBe("3");
    await midi(cy, [0x90, 64, 100]);
    await expect
      .poll(() => ada.locator('.key[data-note="64"]').getAttribute("data-lit"))
      .toBe("true");
    const cyOnAda = ada.locator("li[data-peer]:not([data-self])", { hasText: "Cy" });
    expect(await cyOnAda.getAttribute("data-connection")).toBe("direct");
    await midi(cy, [0x80, 64, 0]);
  });
});
