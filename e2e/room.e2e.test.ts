import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, createSignalingServer, type RunningServer } from "@nicepiano/signaling";
import { launchChromium, testHostAddress } from "./support/browser";
import { PAGE_PROBES } from "./support/pageProbes";

const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");

describe("two browsers jam in a room; a third in another room hears nothing", () => {
  let server: RunningServer;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let origin: string;
  const failedSamples: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_CONFIG.clientDist, "index.html"))) {
      throw new Error("The web app is not built: run `npm run build` first (npm test does).");
    }
    const host = testHostAddress();
    server = createSignalingServer(
      { ...DEFAULT_CONFIG, host, port: 0, pingIntervalMs: 500 },
      pino({ level: process.env.E2E_LOG_LEVEL ?? "silent" }),
    );
    const { port } = await server.listen();
    origin = `http://${host}:${port}`;
    ({ browser, close: closeBrowser } = await launchChromium([origin]));
  });
  afterAll(async () => {
    expect(pageErrors).toEqual([]);
    await closeBrowser?.();
    await server?.close();
  });

  const count = (page: Page, selector: string) => page.locator(selector).count();
  const samplesLoaded = (page: Page) =>
    expect.poll(() => count(page, "[role=progressbar]"), { timeout: 30_000 }).toBe(0);
  const litKeys = (page: Page) => page.locator(".key[data-lit]").count();
  const openRoom = async (room: string, name: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(PAGE_PROBES);
    await context.addInitScript(`localStorage.setItem("nicepiano.name", ${JSON.stringify(name)})`);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(`${name}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${name}: ${message.text()}`);
    });
    page.on("response", (response) => {
      if (response.url().includes("/samples/") && response.status() >= 400) {
        failedSamples.push(`${response.status()} ${response.url()}`);
      }
    });
    await page.goto(`${origin}/r/${room}`);
    // One page at a time: three pages decoding ~175 samples at once starve two cores.
    await page.waitForSelector("li[data-self]", { timeout: 20_000 });
    await samplesLoaded(page);
    return page;
  };

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
    await expect.poll(() => count(ada, '.key[data-note="60"][data-lit]')).toBe(1);

    mkdirSync(ARTIFACTS, { recursive: true });
    await bob.screenshot({ path: join(ARTIFACTS, "room.png") });

    await ada.evaluate(() => window.__fakeMidi([0x90, 60, 0])); // velocity 0 = note off
    await expect.poll(() => litKeys(bob)).toBe(0);

    // The other room heard and showed nothing.
    expect(await eve.evaluate(() => window.__audioStarts)).toBe(before.eve);
    expect(await litKeys(eve)).toBe(0);
    expect(await eve.locator("li[data-peer]").count()).toBe(1);
    expect(failedSamples).toEqual([]);
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
});
