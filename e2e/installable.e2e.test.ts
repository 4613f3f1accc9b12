import { createSignalingServer, DEFAULT_CONFIG, type RunningServer } from "@nicepiano/signaling";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromiumProfile, testHostAddress } from "./support/browser";

describe("NicePiano as an app", () => {
  let server: RunningServer;
  let origin: string;
  let chromium: Awaited<ReturnType<typeof launchChromiumProfile>>;

  beforeAll(async () => {
    const host = testHostAddress();
    server = await createSignalingServer(
      { ...DEFAULT_CONFIG, host, port: 0 },
      pino({ level: "warn" }),
    );
    origin = `http://${host}:${(await server.listen()).port}`;
    chromium = await launchChromiumProfile([origin]);
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it("installs: Chromium finds its manifest, icon and worker and has nothing against it", async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${origin}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await chromium.context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(manifest.errors).toEqual([]);
    // Chromium checks what it fetches (the icon, the worker) in its own time: ask until sure.
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, {
        timeout: 10_000,
      })
      .toEqual([]);
  });
});
