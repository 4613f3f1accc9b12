import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PAGE_PROBES } from "./support/pageProbes";
import { useE2eHarness } from "./support/e2eHarness";

/** A link of `mbits` with 40 ms of latency, as Chromium emulates it. */
async function emulateLink(page: Page, mbits: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 40,
    downloadThroughput: (mbits * 1e6) / 8,
    uploadThroughput: (5 * 1e6) / 8,
  });
}

/** The sample files `page` asked for, in order, as they were asked for. */
function sampleRequests(page: Page): string[] {
  const files: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/samples/")) files.push(path.slice("/samples/".length));
  });
  return files;
}

const layersOf = (files: string[]) =>
  [...new Set(files.map((file) => /v(\d+)\.mp3$/.exec(file)?.[1]).filter(Boolean))]
    .map(Number)
    .sort((a, b) => a - b);

/** Presses middle C (the `A` key) until a sample starts; how many samples had arrived then. */
async function pressUntilSound(page: Page, arrived: () => number): Promise<number> {
  for (let tries = 0; tries < 1000; tries++) {
    if ((await page.evaluate(() => window.__audioStarts)) > 0) return arrived();
    await page.keyboard.press("KeyA");
  }
  throw new Error("the piano never sounded");
}

const withSettings = (settings: object, extra = "") => `${PAGE_PROBES}
  localStorage.setItem("nicepiano.sound", ${JSON.stringify(JSON.stringify(settings))});
  ${extra}`;

describe("the piano loads progressively", () => {
  const t = useE2eHarness();

  it("plays from the middle register first, then loads Standard's 8 layers", async () => {
    const page = await t.newPage("standard", withSettings({ quality: "standard" }));
    const requested = sampleRequests(page);
    const arrived: string[] = [];
    page.on("requestfinished", (request) => {
      if (request.url().includes("/samples/")) arrived.push(request.url());
    });
    const scripts: string[] = [];
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.push((await response.headerValue("content-encoding")) ?? "none");
    });
    await emulateLink(page, 20);
    await page.goto(`${t.origin}/r/progressive`);

    const arrivedAtFirstSound = await pressUntilSound(page, () => arrived.length);
    // Sounding on the first few files of 240, long before the rest.
    expect(arrivedAtFirstSound).toBeLessThan(30);
    await expect.poll(() => page.locator("[data-playable]").count()).toBe(1); // and still loading
    expect(requested.slice(0, 5)).toEqual([
      "Ds4v8.mp3",
      "C4v8.mp3",
      "Fs4v8.mp3",
      "A3v8.mp3",
      "A4v8.mp3",
    ]);

    await expect
      .poll(() => page.locator("[role=progressbar]").count(), { timeout: 120_000 })
      .toBe(0);
    expect(new Set(requested).size).toBe(240);
    expect(requested).toHaveLength(240); // none twice
    expect(layersOf(requested)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    // Every script came compressed (Chromium asks for brotli over HTTPS only, here gzip).
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((encoding) => encoding !== "gzip" && encoding !== "br")).toEqual([]);
  });

  it("loads Light when the browser asks to save data, and only what is missing on a change", async () => {
    const saveData = `Object.defineProperty(navigator, "connection", { value: { saveData: true } });`;
    const page = await t.newPage("saver", withSettings({}, saveData));
    const requested = sampleRequests(page);
    await page.goto(`${t.origin}/r/saver`);
    await page.waitForSelector("li[data-self]");
    await expect
      .poll(() => page.locator("[role=progressbar]").count(), { timeout: 60_000 })
      .toBe(0);
    expect(layersOf(requested)).toEqual([8, 14]);
    expect(requested).toHaveLength(60);
    await expect(page.getByLabel("Piano quality").inputValue()).resolves.toBe("light");

    await page.getByLabel("Piano quality").selectOption("standard");
    await expect
      .poll(() => page.locator("[role=progressbar]").count(), { timeout: 60_000 })
      .toBe(0);
    expect(layersOf(requested)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(requested).toHaveLength(240);
    expect(
      JSON.parse((await page.evaluate(() => localStorage.getItem("nicepiano.sound")))!),
    ).toMatchObject({
      quality: "standard",
    });
  });
});
