import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "@nicepiano/signaling";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { samplesLoaded, useE2eHarness } from "./support/e2eHarness";

/** A copy of the built app for this suite's server, so a test can deploy a new version. */
const dist = mkdtempSync(join(tmpdir(), "np-dist-"));
cpSync(DEFAULT_CONFIG.clientDist, dist, { recursive: true });

const controlled = (page: Page) =>
  expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      timeout: 20_000,
    })
    .toBe(true);

describe("the service worker", () => {
  const t = useE2eHarness(() => ({ clientDist: dist }));
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("serves a room again with no network, and plays its kept samples", async () => {
    t.expectRefusals(/\/socket\.io\/|\/api\//);
    const page = await t.openRoom("offline-jam");
    await controlled(page);
    const fromNetwork: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/samples/")) fromNetwork.push(request.url());
    });

    await page.context().setOffline(true);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await page.waitForSelector(".sound-status");
    await samplesLoaded(page);
    for (let tries = 0; (await page.evaluate(() => window.__audioStarts)) === 0; tries++) {
      if (tries > 200) throw new Error("no sound offline");
      await page.keyboard.press("KeyA");
    }
    expect(fromNetwork).toEqual([]); // every sample came from the browser's own cache
    await page.context().setOffline(false);
  });

  it("keeps a page on its version until it takes the new one", async () => {
    const page = await t.openRoom("versions");
    await controlled(page);

    // A deploy: the worker's script changes (its precache list would name the new files).
    const sw = join(dist, "sw.js");
    writeFileSync(sw, `${readFileSync(sw, "utf8")}\n// deployed again\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    const banner = page.getByRole("button", { name: "Reload to use it" });
    await banner.waitFor({ timeout: 20_000 });
    // Still the old worker: the new one waits, so this page never mixes old and new files.
    const waiting = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return {
        waiting: registration.waiting !== null,
        controller: navigator.serviceWorker.controller!.state,
      };
    });
    expect(waiting).toEqual({ waiting: true, controller: "activated" });

    await Promise.all([page.waitForEvent("load"), banner.click()]);
    await controlled(page);
    const after = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: registration.waiting !== null, active: registration.active?.state };
    });
    // The new worker took over as the page reloaded: the page now runs the new files only.
    expect(after).toEqual({ waiting: false, active: "activated" });
    await expect(banner.count()).resolves.toBe(0);
  });
});
