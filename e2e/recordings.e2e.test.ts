import { readFileSync } from "node:fs";
import { Midi } from "@tonejs/midi";
import type { Browser, Page } from "playwright-core";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, createSignalingServer, type RunningServer } from "@nicepiano/signaling";
import { launchChromium, testHostAddress } from "./support/browser";
import { PAGE_PROBES } from "./support/pageProbes";

describe("recording a take, keeping it, and taking it home as MIDI", () => {
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

  const openStudio = async (): Promise<Page> => {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.addInitScript(PAGE_PROBES);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/r/studio`);
    await page.waitForSelector("li[data-self]", { timeout: 20_000 });
    return page;
  };
  const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
  /** Waits for `selector` to show `expected`; this machine is slow while pages decode samples. */
  const shows = (page: Page, selector: string, expected: string) =>
    expect.poll(() => text(page, selector), { timeout: 15_000 }).toContain(expected);
  const midi = (page: Page, bytes: number[]) => page.evaluate((b) => window.__fakeMidi(b), bytes);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("lets a guest play but asks them to sign in to record", async () => {
    const page = await openStudio();
    expect(await text(page, ".record")).toContain("Sign in to record");
    await page.context().close();
  });

  it("signs up, records from MIDI, saves, survives a reload, and downloads the .mid", async () => {
    const page = await openStudio();
    await page.getByLabel("Username").fill("ada");
    await page.getByLabel("Password").fill("correct horse");
    await page.getByRole("button", { name: "Create account" }).click();
    await shows(page, ".account", "Signed in as ada");

    await page.getByRole("button", { name: "● Record" }).click();
    await midi(page, [0x90, 60, 100]);
    await pause(200);
    await midi(page, [0x80, 60, 0]);
    await midi(page, [0xb0, 64, 127]);
    await midi(page, [0x92, 64, 80]);
    await pause(150);
    await midi(page, [0x92, 64, 0]);
    await midi(page, [0xb0, 64, 0]);
    await page.getByRole("button", { name: /Stop/ }).click();
    await page.getByLabel("Recording name").fill("First take");
    await page.getByRole("button", { name: "Save" }).click();
    await shows(page, ".record [role=status]", 'Saved "First take"');

    await page.reload();
    await shows(page, ".recordings", "First take");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: ".mid" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("First take.mid");
    const file = new Midi(readFileSync(await download.path()));
    const notes = file.tracks.flatMap((track) => track.notes);
    expect(notes.map((note) => [note.midi, Math.round(note.velocity * 127)])).toEqual([
      [60, 100],
      [64, 80],
    ]);
    // The input events' own timestamps: ~200 ms and ~150 ms held.
    expect(notes[0]!.duration * 1000).toBeGreaterThan(150);
    expect(notes[1]!.duration * 1000).toBeGreaterThan(100);
    expect(file.tracks[0]!.controlChanges[64]?.map((cc) => cc.value)).toEqual([1, 0]);
    await page.context().close();
  });

  it("offers an unsaved take again after a reload", async () => {
    const page = await openStudio();
    await page.getByLabel("Username").fill("bea");
    await page.getByLabel("Password").fill("battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await shows(page, ".account", "Signed in as bea");

    await page.getByRole("button", { name: "● Record" }).click();
    await midi(page, [0x90, 67, 90]);
    await pause(100);
    await midi(page, [0x90, 67, 0]);
    await page.getByRole("button", { name: /Stop/ }).click();
    await shows(page, ".record", "Kept safe in this browser");

    await page.reload();
    await shows(page, ".record", "waiting to be saved");
    await page.getByLabel("Recording name").fill("Rescued");
    await page.getByRole("button", { name: "Save" }).click();
    await shows(page, ".recordings", "Rescued");
    await page.context().close();
  });
});
