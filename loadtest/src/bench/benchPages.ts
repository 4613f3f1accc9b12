import type { Browser, Page } from "playwright-core";
import { PAGE_PROBES } from "../../../e2e/support/pageProbes";

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
