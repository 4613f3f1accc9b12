/**
 * Page load: how soon a new player hears the piano, and how soon it has its full quality, on
 * links of 5, 20 and 100 Mbit/s with 40 ms of latency (Chromium's network emulation), on a
 * first visit and on a second one (the same browser profile, reloaded). Each run opens a
 * room link, presses a key every 10 ms until a sample starts, then waits for the loading bar
 * to go. Headless Chromium in the test network namespace.
 *
 * Then Lighthouse 12.2.3's mobile performance audit of the landing page and a room page.
 *
 *   npm run bench:load [-- --mbits 5,20,100 --latency 40 --runs 1 --lighthouse-runs 3
 *                         --skip-lighthouse]
 */
import { parseArgs } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { PAGE_PROBES } from "../../../e2e/support/pageProbes";
import { startBrowserBench } from "./benchPages";
import { lighthouseScores, type LighthouseScore } from "./lighthouseScores";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: {
    mbits: { type: "string", default: "5,20,100" },
    latency: { type: "string", default: "40" },
    runs: { type: "string", default: "1" },
    "skip-lighthouse": { type: "boolean", default: false },
    "lighthouse-runs": { type: "string", default: "3" },
  },
});
const LINKS = values.mbits.split(",").map(Number);
const LATENCY_MS = Number(values.latency);
const RUNS = Number(values.runs);

/**
 * When the first sample started (ms since the page's time origin), and the bytes by then.
 * Middle C (the A key) is pressed every 10 ms from the page's start until then, by the
 * page itself, so the figure is the app's and not this script's polling.
 */
const FIRST_SOUND_PROBE = `
  performance.setResourceTimingBufferSize(2000);
  const presser = setInterval(() => {
    if (window.__firstSoundAt !== undefined) return clearInterval(presser);
    for (const type of ["keydown", "keyup"]) {
      window.dispatchEvent(new KeyboardEvent(type, { code: "KeyA", key: "a" }));
    }
  }, 10);
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
  const firstSoundMs = await firstSound(page);
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

/** Waits for the first sound; returns when that was, on the page's clock. */
async function firstSound(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__firstSoundAt !== undefined, null, {
    timeout: 120_000,
    polling: 50,
  });
  return page.evaluate(() => window.__firstSoundAt!);
}

const { origin, browser, close } = await startBrowserBench();
const rows: string[] = [];
let scores: LighthouseScore[] = [];
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
  if (!values["skip-lighthouse"]) {
    const runs = Number(values["lighthouse-runs"]);
    scores = await lighthouseScores([`${origin}/`, `${origin}/r/lighthouse-room`], runs);
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
if (scores.length > 0) {
  console.log(
    "\nLighthouse 12.2.3, mobile (simulated slow 4G, 4× CPU slowdown), median of its runs:",
  );
  for (const page of ["landing", "room"] as const) {
    const runs = scores.filter(
      (score) => (new URL(score.url).pathname === "/") === (page === "landing"),
    );
    const median = (pick: (score: LighthouseScore) => number) => {
      const sorted = runs.map(pick).sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)]!;
    };
    const all = runs.map((score) => score.performance.toFixed(2)).join(", ");
    console.log(
      `${page.padEnd(8)} performance ${median((s) => s.performance).toFixed(2)} (${all})  FCP ${(median((s) => s.firstContentfulPaintMs) / 1000).toFixed(1)} s  LCP ${(median((s) => s.largestContentfulPaintMs) / 1000).toFixed(1)} s  TBT ${Math.round(median((s) => s.totalBlockingTimeMs))} ms`,
    );
  }
}

declare global {
  interface Window {
    __firstSoundAt?: number;
    __bytesBeforeSound?: number;
  }
}
