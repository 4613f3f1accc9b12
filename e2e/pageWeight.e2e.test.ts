import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2eHarness } from "./support/e2eHarness";

/** The bytes of script `page` fetched (decoded) until it is done loading. */
async function scriptBytes(page: Page, load: () => Promise<unknown>): Promise<number> {
  const sizes: Promise<number>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    sizes.push(response.body().then((body) => body.length));
  });
  await load();
  await page.waitForLoadState("networkidle");
  return (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
}

describe("the landing page", () => {
  const harness = useE2eHarness();

  it("runs without the room's code (Tone.js, the piano, MIDI, WebRTC)", async () => {
    const landing = await harness.newPage("landing");
    const landingBytes = await scriptBytes(landing, () => landing.goto(harness.origin));
    await landing.getByRole("button", { name: /start a private room/i }).waitFor();

    const room = await harness.newPage("room");
    const roomBytes = await scriptBytes(room, async () => {
      await room.goto(`${harness.origin}/r/weights`);
      await room.waitForSelector("li[data-self]", { timeout: 20_000 });
    });
    const weights = `scripts: landing ${landingBytes} B, room ${roomBytes} B`;
    expect(landingBytes, weights).toBeLessThan(roomBytes * 0.3);
  });
});
