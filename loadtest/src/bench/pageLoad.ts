/**
 * Page load: how soon a new player hears the piano, and how soon it has its full quality, on
 * links of 5, 20 and 100 Mbit/s with 40 ms of latency (Chromium's network emulation), on a
 * first visit and on a second one (the same browser profile, reloaded). Each run opens a
 * room link, presses a key every 20 ms until a sample starts, then waits for the loading bar
 * to go. Headless Chromium in the test network namespace.
 *
 *   npm run bench:load [-- --mbits 5,20,100 --latency 40 --runs 1]
 */
import { parseArgs } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PAGE_PROBES } from "../../../e2e/support/pageProbes";
import { startBrowserBench } from "./benchPages";

const { values } = parseArgs({
  options: {
    mbits: { type: "string", default: "5,20,100" },
    latency: { type: "string", default: "40" },
    runs: { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log("npm run bench:load [-- --mbits 5,20,100 --latency 40 --runs 1]");
  process.exit(0);
}
const LINKS = values.mbits.split(",").map(Number);
const LATENCY_MS = Number(values.latency);
const RUNS = Number(values.runs);

/** When the first sample started (ms since the page's time origin), and the bytes by then. */
const FIRST_SOUND_PROBE = `
  performance.setResourceTimingBufferSize(2000);
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...args) {
    if (window.__firstSoundAt === undefined) {
      window.__firstSoundAt = performance.now();
      window.__bytesBeforeSound = performance
        .getEntries()
        .reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0);
    }
    return start.apply(this, args);
  };
`;

interface Visit {
  firstSoundMs: number;
  bytesBeforeSound: number;
  /** Until the loading bar went: every sample of the quality the page chose. */
  fullQualityMs: number;
  samplesFetched: number;
}

async function emulatedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(PAGE_PROBES);
  await context.addInitScript(FIRST_SOUND_PROBE);
  await context.addInitScript(`localStorage.setItem("nicepiano.name", "Bench")`);
  return context;
}

async function visit(context: BrowserContext, url: string, mbits: number): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: (mbits * 1e6) / 8,
    uploadThroughput: (Math.min(mbits, 5) * 1e6) / 8,
  });
  await page.goto(url, { waitUntil: "commit" });
  const firstSoundMs = await pressUntilSound(page);
  const bytesBeforeSound = await page.evaluate(() => window.__bytesBeforeSound ?? 0);
  await page.waitForFunction(() => !document.querySelector("[role=progressbar]"), null, {
    timeout: 300_000,
    polling: 50,
  });
  const fullQualityMs = await page.evaluate(() => performance.now());
  const samplesFetched = await page.evaluate(
    () =>
      performance.getEntriesByType("resource").filter((e) => e.name.includes("/samples/")).length,
  );
  await page.close();
  return { firstSoundMs, bytesBeforeSound, fullQualityMs, samplesFetched };
}

/** Presses middle C until a sample starts; returns when that was, on the page's clock. */
async function pressUntilSound(page: Page): Promise<number> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const at = await page.evaluate(() => window.__firstSoundAt).catch(() => undefined);
    if (at !== undefined) return at;
    await page.keyboard.down("KeyA").catch(() => {});
    await page.keyboard.up("KeyA").catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("no sound within 120 s");
}

const { origin, browser, close } = await startBrowserBench();
const rows: string[] = [];
try {
  for (const mbits of LINKS) {
    for (let run = 0; run < RUNS; run++) {
      const context = await emulatedContext(browser);
      const url = `${origin}/r/load-${mbits}-${run}`;
      const first = await visit(context, url, mbits);
      const second = await visit(context, url, mbits);
      await context.close();
      for (const [name, v] of [
        ["first", first],
        ["second", second],
      ] as const) {
        rows.push(
          [
            `${mbits} Mbit/s`.padEnd(11),
            name.padEnd(7),
            `${(v.firstSoundMs / 1000).toFixed(2)} s`.padStart(9),
            `${(v.bytesBeforeSound / 1e6).toFixed(2)} MB`.padStart(10),
            `${(v.fullQualityMs / 1000).toFixed(1)} s`.padStart(9),
            String(v.samplesFetched).padStart(8),
          ].join("  "),
        );
        console.log(rows.at(-1));
      }
    }
  }
} finally {
  await close();
}

console.log(`\nPage load, ${LATENCY_MS} ms latency (Chromium's network emulation), this machine:`);
console.log(
  ["link".padEnd(11), "visit".padEnd(7), "1st sound", "bytes then", "all loaded", "samples"].join(
    "  ",
  ),
);
for (const row of rows) console.log(row);

declare global {
  interface Window {
    __firstSoundAt?: number;
    __bytesBeforeSound?: number;
  }
}
