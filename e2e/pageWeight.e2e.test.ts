import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2eHarness } from "./support/e2eHarness";

/** The scripts `page` fetched until it is done loading, and their bytes (decoded). */
async function scripts(page: Page, load: () => Promise<unknown>) {
  const sizes: Promise<number>[] = [];
  const files: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    files.push(new URL(response.url()).pathname);
    sizes.push(response.body().then((body) => body.length));
  });
  await load();
  await page.waitForLoadState("networkidle");
  return { files, bytes: (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0) };
}

describe("the landing page", () => {
  const harness = useE2eHarness();

  it("runs without the room's code (the piano, MIDI, WebRTC)", async () => {
    const landing = await harness.newPage("landing");
    const landingScripts = await scripts(landing, () => landing.goto(harness.origin));
    await landing.getByRole("button", { name: /start a private room/i }).waitFor();

    const room = await harness.newPage("room");
    const roomScripts = await scripts(room, async () => {
      await room.goto(`${harness.origin}/r/weights`);
      await room.waitForSelector("li[data-self]", { timeout: 20_000 });
    });
    const weights = `scripts: landing ${landingScripts.bytes} B, room ${roomScripts.bytes} B`;
    const roomChunk = /\/assets\/RoomPage-[\w-]+\.js$/;
    expect(
      roomScripts.files.some((file) => roomChunk.test(file)),
      weights,
    ).toBe(true);
    expect(
      landingScripts.files.some((file) => roomChunk.test(file)),
      weights,
    ).toBe(false);
    expect(landingScripts.bytes, weights).toBeLessThan(roomScripts.bytes * 0.4);
  });
});
