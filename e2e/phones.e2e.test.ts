import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { count, useE2eHarness, type Device } from "./support/e2eHarness";

/** Where the screenshots go: kept by CI as the suite's artifacts. */
const SCREENS = join(import.meta.dirname, "..", "test-artifacts", "screens");
mkdirSync(SCREENS, { recursive: true });

const PHONE = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const PORTRAIT: Device = { ...PHONE, viewport: { width: 390, height: 844 } };
const LANDSCAPE: Device = { ...PHONE, viewport: { width: 844, height: 390 } };
const TABLET: Device = { hasTouch: true, viewport: { width: 1024, height: 768 } };

/** The width of each white key, and of the keys a finger can see. */
const whiteKeys = (page: Page) =>
  page.evaluate(() => {
    const view = document.querySelector(".keys-viewport")!.getBoundingClientRect();
    const keys = [...document.querySelectorAll<HTMLElement>(".key.white")].map((key) =>
      key.getBoundingClientRect(),
    );
    const inView = keys.filter((box) => box.left >= view.left - 1 && box.right <= view.right + 1);
    return { width: Math.min(...keys.map((box) => box.width)), inView: inView.length };
  });

/** Whether the key of `note` is on the screen now. */
const keyInView = (page: Page, note: number) =>
  page.evaluate((n) => {
    const view = document.querySelector(".keys-viewport")!.getBoundingClientRect();
    const box = document.querySelector(`[data-note="${n}"]`)!.getBoundingClientRect();
    return box.left >= view.left - 1 && box.right <= view.right + 1;
  }, note);

/** Fingers on the screen (CDP touch events, one session: it keeps the touches). */
async function fingers(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  return {
    /** Fingers down on the middle of the keys of `notes`, all at once. */
    down: async (notes: number[]) => {
      const touchPoints = await page.evaluate(
        (list) =>
          list.map((n) => {
            const box = document.querySelector(`[data-note="${n}"]`)!.getBoundingClientRect();
            return { x: box.left + box.width / 2, y: box.bottom - 15, id: n };
          }),
        notes,
      );
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints });
    },
    up: () => cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] }),
  };
}

describe("NicePiano on phones and tablets", () => {
  const harness = useE2eHarness();

  it("gives a phone in portrait keys a finger can hit, a window to move, and three-finger chords", async () => {
    const page = await harness.openRoom("pocket", { name: "Ada", device: PORTRAIT });
    const { width, inView } = await whiteKeys(page);
    expect(width).toBeGreaterThanOrEqual(28);
    expect(inView).toBeGreaterThanOrEqual(7); // one to two octaves
    expect(inView).toBeLessThanOrEqual(15);
    expect(await keyInView(page, 60)).toBe(true); // middle C to start
    expect(await page.locator(".keyboard").evaluate((k) => getComputedStyle(k).touchAction)).toBe(
      "none",
    );
    await page.screenshot({ path: join(SCREENS, "phone-portrait.png") });

    // A chord of three fingers: three notes, three keys lit, none after.
    const before = await page.evaluate(() => window.__audioStarts);
    const hand = await fingers(page);
    await hand.down([60, 64, 67]);
    await expect.poll(() => count(page, ".key[data-lit]")).toBe(3);
    expect(await page.evaluate(() => window.__audioStarts)).toBe(before + 3);
    await hand.up();
    await expect.poll(() => count(page, ".key[data-lit]")).toBe(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // The window moves an octave up; a bigger key size shows fewer keys.
    await page.getByRole("button", { name: "Show higher keys" }).click();
    await expect.poll(() => keyInView(page, 72)).toBe(true);
    await page.getByText("View", { exact: true }).click();
    await page.getByLabel("Key size").selectOption("60");
    await expect.poll(async () => (await whiteKeys(page)).width).toBeGreaterThanOrEqual(59);
    // The panels are one tap away.
    expect(await page.locator("#room-panels").isVisible()).toBe(false);
    await page.getByRole("button", { name: "Players, chat, settings" }).click();
    expect(await page.locator("#room-panels").isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENS, "phone-portrait-panels.png"), fullPage: true });
  });

  it("puts the keyboard first on a phone in landscape, and fits a tablet's fingers", async () => {
    const phone = await harness.openRoom("pocket-wide", { name: "Bob", device: LANDSCAPE });
    const keyboard = await phone.locator(".keyboard").boundingBox();
    expect(keyboard!.y + keyboard!.height).toBeLessThanOrEqual(390 + 1);
    expect(keyboard!.height).toBeGreaterThan(390 * 0.3);
    expect(await phone.locator("#room-panels").isVisible()).toBe(false);
    expect((await whiteKeys(phone)).width).toBeGreaterThanOrEqual(28);
    await phone.screenshot({ path: join(SCREENS, "phone-landscape.png") });

    const tablet = await harness.openRoom("slate", { name: "Cy", device: TABLET });
    expect((await whiteKeys(tablet)).width).toBeGreaterThanOrEqual(28);
    expect(await tablet.locator("#room-panels").isVisible()).toBe(true);
    const hand = await fingers(tablet);
    await hand.down([60, 64, 67]);
    await expect.poll(() => count(tablet, ".key[data-lit]")).toBe(3);
    await hand.up();
    await expect.poll(() => count(tablet, ".key[data-lit]")).toBe(0);
    await tablet.screenshot({ path: join(SCREENS, "tablet.png") });
  });
});
