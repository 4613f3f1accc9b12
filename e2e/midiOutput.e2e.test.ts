import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { midi, pause, useE2eHarness } from "./support/e2eHarness";

describe("sending the room to a MIDI output", () => {
  const harness = useE2eHarness();
  /** The notes the page's MIDI output was sent, as [status, note] pairs. */
  const sent = (page: Page) =>
    page.evaluate(() => window.__midiSent.map(({ data }) => `${data[0]}:${data[1]}`));

  it("sends the others' notes to the chosen device, and only the players chosen", async () => {
    const ada = await harness.openRoom("midi-out", { name: "Ada", samples: false });
    const bob = await harness.openRoom("midi-out", { name: "Bob", samples: false });
    await expect
      .poll(() => bob.locator("li[data-state=open]").count(), { timeout: 20_000 })
      .toBe(1);

    await bob.getByLabel("MIDI output device").selectOption({ label: "Test Digital Piano" });
    await midi(ada, [0x90, 60, 100]);
    await midi(ada, [0x80, 60, 0]);
    await expect.poll(() => sent(bob), { timeout: 5000 }).toEqual(["144:60", "128:60"]);

    // Bob's own playing is not sent back to the piano he may be playing on...
    await midi(bob, [0x90, 62, 100]);
    await midi(bob, [0x80, 62, 0]);
    await pause(300);
    expect(await sent(bob)).toEqual(["144:60", "128:60"]);
    // ...unless he asks; and Ada, left out, no longer is.
    await bob.getByLabel("Bob (you)").check();
    await bob.getByLabel("Ada", { exact: true }).uncheck();
    await midi(ada, [0x90, 64, 100]);
    await midi(bob, [0x90, 65, 100]);
    await expect.poll(() => sent(bob), { timeout: 5000 }).toContain("144:65");
    await pause(300);
    expect(await sent(bob)).not.toContain("144:64");

    // Sending nowhere lets go of what the device still holds.
    await bob.getByLabel("MIDI output device").selectOption({ label: "Nowhere" });
    expect((await sent(bob)).slice(-3)).toEqual(["128:65", "176:64", "176:123"]);
    for (const page of [ada, bob]) await page.context().close();
  });
});
