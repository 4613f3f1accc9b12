import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { count, samplesLoaded, useE2eHarness } from "./support/e2eHarness";
import { MIDI_REFUSED } from "./support/pageProbes";

const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");

describe("two browsers jam in a room; a third in another room hears nothing", () => {
  const harness = useE2eHarness({ pingIntervalMs: 500 });
  const openRoom = (room: string, name: string, probes?: string) =>
    harness.openRoom(room, { name, ...(probes ? { probes } : {}) });
  const litKeys = (page: Page) => count(page, ".key[data-lit]");

  it("delivers notes from a MIDI keyboard on page A to page B's piano and keys", async () => {
    const ada = await openRoom("jam", "Ada");
    const bob = await openRoom("jam", "Bob");
    const eve = await openRoom("other", "Eve");

    // Each sees the other with an open direct channel.
    const adaId = await ada.locator("li[data-self]").getAttribute("data-peer", { timeout: 10_000 });
    await expect
      .poll(() => bob.locator(`li[data-peer="${adaId}"]`).getAttribute("data-state"), {
        timeout: 15_000,
      })
      .toBe("open");
    await expect
      .poll(() => ada.locator("li[data-state=open]").count(), { timeout: 15_000 })
      .toBe(1);
    await expect
      .poll(() => ada.getByLabel("MIDI input device").textContent())
      .toContain("All devices (1)");

    const before = {
      bob: await bob.evaluate(() => window.__audioStarts),
      eve: await eve.evaluate(() => window.__audioStarts),
    };
    await ada.evaluate(() => window.__fakeMidi([0x90, 60, 100])); // note on, channel 1
    await ada.evaluate(() => window.__fakeMidi([0xb5, 64, 127])); // sustain, channel 6

    const bobKey = bob.locator('.key[data-note="60"]');
    await expect.poll(() => bobKey.getAttribute("data-lit")).toBe("true");
    const adaColor = await ada
      .locator("li[data-self] .dot")
      .evaluate((dot) => getComputedStyle(dot).backgroundColor);
    expect(await bobKey.evaluate((key) => getComputedStyle(key).backgroundColor)).toBe(adaColor);
    await expect.poll(() => bob.evaluate(() => window.__audioStarts)).toBeGreaterThan(before.bob);
    // Live notes are not scheduled ahead (Tone's default look-ahead would put them 0.1 s out).
    const leads = await bob.evaluate((from) => window.__audioLeads.slice(from), before.bob);
    expect(Math.max(...leads)).toBeLessThan(0.02);
    await expect.poll(() => count(ada, '.key[data-note="60"][data-lit]')).toBe(1);

    mkdirSync(ARTIFACTS, { recursive: true });
    await bob.screenshot({ path: join(ARTIFACTS, "room.png") });

    await ada.evaluate(() => window.__fakeMidi([0x90, 60, 0])); // velocity 0 = note off
    await expect.poll(() => litKeys(bob)).toBe(0);

    // The other room heard and showed nothing.
    expect(await eve.evaluate(() => window.__audioStarts)).toBe(before.eve);
    expect(await litKeys(eve)).toBe(0);
    expect(await eve.locator("li[data-peer]").count()).toBe(1);
  });

  it("plays from the on-screen keys and the computer keyboard, and releases a leaver's notes", async () => {
    const ada = await openRoom("keys", "Ada");
    const bob = await openRoom("keys", "Bob");
    await expect
      .poll(() => bob.locator("li[data-state=open]").count(), { timeout: 15_000 })
      .toBe(1);
    await expect
      .poll(() => ada.locator("li[data-state=open]").count(), { timeout: 15_000 })
      .toBe(1);

    await ada.keyboard.down("KeyA"); // middle C
    await expect.poll(() => count(bob, '.key[data-note="60"][data-lit]')).toBe(1);
    await ada.keyboard.up("KeyA");
    await expect.poll(() => litKeys(bob)).toBe(0);

    const key = ada.locator('.key[data-note="64"]');
    const box = (await key.boundingBox())!;
    await ada.mouse.move(box.x + box.width / 2, box.y + box.height * 0.9);
    await ada.mouse.down();
    await expect.poll(() => count(bob, '.key[data-note="64"][data-lit]')).toBe(1);

    // Ada leaves holding the key: Bob's piano lets go of it.
    await ada.context().close();
    await expect.poll(() => litKeys(bob), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => count(bob, "li[data-peer]")).toBe(1);
  });

  it("starts a private room from the landing page and keeps the guest name, shown as text", async () => {
    // A name that would be markup, were it not always shown as text. (The harness sets
    // the stored name on every page load, so the landing page is given the same.)
    const nasty = "Clara <b>&amp;</b>";
    const page = await harness.newPage(nasty);
    // Hold the samples back until the test lets them through.
    let releaseSamples = () => {};
    const samplesReleased = new Promise<void>((resolve) => (releaseSamples = resolve));
    await page.route("**/samples/**", async (route) => {
      await samplesReleased;
      await route.continue();
    });
    await page.goto(`${harness.origin}/`);
    await page.getByLabel("Your name").fill(nasty);
    await page.getByRole("button", { name: "Start a private room" }).click();
    await page.waitForURL(/\/r\/[a-z]+-[a-z]+-\d{6}$/);
    await page.waitForSelector("li[data-self]", { timeout: 20_000 });
    expect(await page.locator("li[data-self] .name").textContent()).toBe(`${nasty} (you)`);
    expect(await count(page, "li[data-self] .name b")).toBe(0);

    // Playing while the samples are still on their way is silent, lights the key, breaks nothing.
    expect(await count(page, "[role=progressbar]")).toBe(1);
    await page.keyboard.down("KeyA");
    expect(await count(page, '.key[data-note="60"][data-lit]')).toBe(1);
    await page.keyboard.up("KeyA");
    releaseSamples();
    await samplesLoaded(page);

    await page.goto(`${harness.origin}/`);
    await page.getByLabel("Room name").fill("not a room!");
    await page.getByRole("button", { name: "Join room" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("letters, digits");
    await page.context().close();
  });

  it("follows MIDI keyboards plugged in, and says so when MIDI is refused", async () => {
    const page = await openRoom("midi", "Dora");
    const picker = page.getByLabel("MIDI input device");
    await expect.poll(() => picker.textContent()).toContain("All devices (1)");
    await page.evaluate(() => window.__plugMidi());
    await expect.poll(() => picker.textContent()).toContain("Second Keyboard");
    expect(await picker.textContent()).toContain("All devices (2)");

    const refused = await openRoom("midi", "Emil", MIDI_REFUSED);
    await expect
      .poll(() => refused.locator(".midi [role=status]").textContent())
      .toContain("MIDI access was refused");
    // The computer keys still play.
    await refused.keyboard.down("KeyD");
    await expect.poll(() => count(page, '.key[data-note="64"][data-lit]')).toBe(1);
    await refused.keyboard.up("KeyD");
  });
});
