import type { Browser, Page } from "playwright-core";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, createSignalingServer, type RunningServer } from "@nicepiano/signaling";
import { launchChromium, testHostAddress } from "./support/browser";
import { PAGE_PROBES } from "./support/pageProbes";

describe("playing a recording into a room", () => {
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let origin: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const host = testHostAddress();
    server = createSignalingServer({ ...DEFAULT_CONFIG, host, port: 0 }, pino({ level: "silent" }));
    const { port } = await server.listen();
    origin = `http://${host}:${port}`;
    ({ browser, close: closeBrowser } = await launchChromium([origin]));
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await closeBrowser?.();
    await server?.close();
  });

  const open = async (name: string): Promise<Page> => {
    const context = await browser.newContext();
    await context.addInitScript(PAGE_PROBES);
    await context.addInitScript(`localStorage.setItem("nicepiano.name", ${JSON.stringify(name)})`);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
    await page.goto(`${origin}/r/concert`);
    await page.waitForSelector("li[data-self]", { timeout: 20_000 });
    await expect
      .poll(() => page.locator("[role=progressbar]").count(), { timeout: 30_000 })
      .toBe(0);
    return page;
  };
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
  const shows = (page: Page, selector: string, expected: string) =>
    expect.poll(() => text(page, selector), { timeout: 15_000 }).toContain(expected);
  const midi = (page: Page, bytes: number[]) => page.evaluate((b) => window.__fakeMidi(b), bytes);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("loops a take for the whole room until someone stops it", async () => {
    const ada = await open("Ada");
    await ada.getByLabel("Username").fill("ada");
    await ada.getByLabel("Password").fill("correct horse");
    await ada.getByRole("button", { name: "Create account" }).click();
    await shows(ada, ".account", "Signed in as ada");

    // A two-note take, about 600 ms long.
    await ada.getByRole("button", { name: "● Record" }).click();
    await midi(ada, [0x90, 72, 100]);
    await pause(150);
    await midi(ada, [0x80, 72, 0]);
    await midi(ada, [0x90, 76, 90]);
    await pause(150);
    await midi(ada, [0x80, 76, 0]);
    await pause(300);
    await ada.getByRole("button", { name: /Stop/ }).click();
    await ada.getByLabel("Recording name").fill("Two notes");
    await ada.getByRole("button", { name: "Save" }).click();
    await shows(ada, ".recordings", "Two notes");

    const bob = await open("Bob");
    await expect
      .poll(() => bob.locator("li[data-state=open]").count(), { timeout: 15_000 })
      .toBe(1);
    const before = await bob.evaluate(() => window.__audioStarts);
    await ada.getByRole("button", { name: "⟳ Loop" }).click();
    await shows(bob, ".now-playing", "Two notes");
    expect(await text(bob, ".now-playing")).toContain("by Ada");

    // Bob's keys light in Ada's colour while it plays; three passes take ~2 s.
    const adaColor = await ada
      .locator("li[data-self] .dot")
      .evaluate((dot) => getComputedStyle(dot).backgroundColor);
    await expect
      .poll(() => bob.locator('.key[data-note="72"][data-lit]').count(), { timeout: 5000 })
      .toBe(1);
    expect(
      await bob
        .locator('.key[data-note="72"]')
        .evaluate((key) => getComputedStyle(key).backgroundColor),
    ).toBe(adaColor);
    await pause(2200);
    const starts = (await bob.evaluate(() => window.__audioStarts)) - before;
    // Each note starts at least one sample; a loop heard at least twice is 4 notes or more.
    expect(starts).toBeGreaterThanOrEqual(4);

    await bob.getByRole("button", { name: "■ Stop" }).click();
    await expect.poll(() => ada.locator(".now-playing").count(), { timeout: 5000 }).toBe(0);
    await pause(300);
    const afterStop = await bob.evaluate(() => window.__audioStarts);
    await pause(1000);
    // Nothing new starts once stopped (release sounds of the last notes aside).
    expect((await bob.evaluate(() => window.__audioStarts)) - afterStop).toBeLessThanOrEqual(2);
    expect(await bob.locator(".key[data-lit]").count()).toBe(0);
  });
});
