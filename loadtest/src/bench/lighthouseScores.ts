import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

export interface LighthouseScore {
  url: string;
  /** Lighthouse's mobile performance score, 0–1. */
  performance: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
}

/**
 * Lighthouse's mobile performance audit (its defaults: a mid-range phone on a slow 4G link,
 * simulated) of each of `urls`, `runs` times, in Debian's Chromium, headless.
 */
export async function lighthouseScores(urls: string[], runs = 1): Promise<LighthouseScore[]> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const scores: LighthouseScore[] = [];
    for (const url of urls.flatMap((url) => Array<string>(runs).fill(url))) {
      const result = await lighthouse(url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
      const { lhr } = result;
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
      scores.push({
        url,
        performance: lhr.categories.performance?.score ?? NaN,
        firstContentfulPaintMs: audit("first-contentful-paint"),
        largestContentfulPaintMs: audit("largest-contentful-paint"),
        totalBlockingTimeMs: audit("total-blocking-time"),
      });
    }
    return scores;
  } finally {
    chrome.kill();
  }
}
