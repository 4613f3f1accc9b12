import type { Page } from "playwright-core";
import type { ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useE2eHarness } from "./support/e2eHarness";
import { openRenderPage, startRenderServer } from "./support/renderPage";

/**
 * The piano's sound, rendered offline in Chromium (an OfflineAudioContext, the served
 * Salamander samples, the app's own sampler): dynamics, swaps while a note sounds, reverb.
 */
describe("the piano, rendered", () => {
  const t = useE2eHarness();
  let server: ViteDevServer;
  let page: Page;

  beforeAll(async () => {
    server = await startRenderServer(t.origin);
    page = await t.newPage("render");
    await openRenderPage(page, server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("gets louder with velocity across Standard's 8 layers", async () => {
    const velocities = [12, 28, 44, 60, 76, 92, 108, 124]; // the middle of layers 2, 4 … 16
    const results = await page.evaluate(
      (v) => window.pianoRender.loudness("standard", v),
      velocities,
    );
    expect(results.map((r) => r.layer)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    for (let i = 1; i < results.length; i++) {
      expect(results[i]!.db, `velocity ${results[i]!.velocity}`).toBeGreaterThan(
        results[i - 1]!.db,
      );
    }
    // A real piano's range from pp to ff at one key: well over 20 dB.
    expect(results.at(-1)!.db - results[0]!.db).toBeGreaterThan(20);
  });

  it("keeps a held note sounding, unchanged, while richer samples arrive", async () => {
    const result = await page.evaluate(() => window.pianoRender.heldAcrossSwap());
    // Not cut, dropped or doubled: the same sound, to the sample, as without the arrival.
    expect(result.difference).toBe(0);
    expect(result.afterDb).toBeGreaterThan(-40);
    expect(result.lateDb).toBeGreaterThan(-50);
    // A key struck after the arrival takes the louder layer.
    expect(result.secondLayer).toBe(14);
  });

  it("renders dry with the reverb off, and rings on in a hall", async () => {
    const off = await page.evaluate(() => window.pianoRender.reverbTail("off"));
    const hall = await page.evaluate(() => window.pianoRender.reverbTail("hall"));
    expect(off.differenceFromDry).toBeLessThan(2 ** -23); // within a 24-bit step of the dry piano
    expect(hall.differenceFromDry).toBeGreaterThan(0.001);
    // Half a second after the dampers fell: a dry piano has stopped, a hall still sounds.
    expect(off.tailDb).toBeLessThan(off.heldDb - 50);
    expect(hall.tailDb).toBeGreaterThan(off.tailDb + 20);
  });
});
