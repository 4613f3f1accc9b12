import { createSignalingServer, DEFAULT_CONFIG, type RunningServer } from "@nicepiano/signaling";
import type { Browser, Page } from "playwright-core";
import { pino } from "pino";
import { launchChromium, testHostAddress } from "../../../e2e/support/browser";
import { LIGHT_PIANO, PAGE_PROBES } from "../../../e2e/support/pageProbes";

export interface BrowserBench {
  server: RunningServer;
  origin: string;
  browser: Browser;
  /** Closes the browser, then the server. */
  close: () => Promise<void>;
}

/** A signaling server on the test host and headless Chromium allowed to reach it. */
export async function startBrowserBench(): Promise<BrowserBench> {
  const host = testHostAddress();
  const server = await createSignalingServer(
    { ...DEFAULT_CONFIG, host, port: 0 },
    pino({ level: "warn" }),
  );
  const { port } = await server.listen();
  const origin = `http://${host}:${port}`;
  const chromium = await launchChromium([origin]);
  return {
    server,
    origin,
    browser: chromium.browser,
    close: async () => {
      await chromium.close();
      await server.close();
    },
  };
}

/**
 * A room page in a fresh browser context, with the test probes (each sound's wall-clock
 * time in `window.__audioWallTimes`), joined and its piano loaded. `session` signs it in.
 */
export async function openBenchPage(
  browser: Browser,
  url: string,
  name: string,
  session?: unknown,
): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(PAGE_PROBES);
  await context.addInitScript(`localStorage.setItem("nicepiano.name", ${JSON.stringify(name)})`);
  await context.addInitScript(LIGHT_PIANO);
  if (session) {
    await context.addInitScript(
      `localStorage.setItem("nicepiano.session", ${JSON.stringify(JSON.stringify(session))})`,
    );
  }
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("li[data-self]", { timeout: 20_000 });
  await page.waitForFunction(() => !document.querySelector("[role=progressbar]"), null, {
    timeout: 60_000,
  });
  return page;
}
