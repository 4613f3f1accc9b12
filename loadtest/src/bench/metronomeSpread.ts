/**
 * Metronome spread: two browsers in one room hear the room's metronome, which each
 * computes from the shared clock (no beat is sent). How far apart are their clicks?
 * Each page reports when each sound will be heard on the wall clock (the audio context's
 * output timestamp); the pages share this machine's clock. Headless Chromium in the test
 * network namespace.
 *
 *   npm run bench:metronome [-- --beats 60 --bpm 240]
 */
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { formatSummary, summarize } from "../stats";
import { openBenchPage, startBrowserBench } from "./benchPages";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({
  options: { beats: { type: "string", default: "60" }, bpm: { type: "string", default: "240" } },
});
const BEATS = Number(values.beats);
const BPM = Number(values.bpm);

const { origin, browser, close } = await startBrowserBench();

try {
  const owner = await openBenchPage(browser, `${origin}/r/metronome`, "Ada");
  const listener = await openBenchPage(browser, `${origin}/r/metronome`, "Bob");
  // Let both finish their clock samples (five at join, then one every 2 s).
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const soundsSince = (page: Page, from: number) =>
    page.evaluate((index) => window.__audioWallTimes.slice(index), from);
  const counts = async () =>
    Promise.all(
      [owner, listener].map((page) => page.evaluate(() => window.__audioWallTimes.length)),
    );
  const [fromOwner, fromListener] = await counts();

  const tempo = owner.getByLabel("Tempo (beats per minute)");
  await tempo.fill(String(BPM));
  await tempo.dispatchEvent("change");
  await owner.getByRole("button", { name: "Start metronome" }).click();
  const periodMs = 60_000 / BPM;
  await new Promise((resolve) => setTimeout(resolve, 1500 + BEATS * periodMs));
  await owner.getByRole("button", { name: "Stop metronome" }).click();

  const a = await soundsSince(owner, fromOwner!);
  const b = await soundsSince(listener, fromListener!);
  // Pair each of the owner's clicks with the listener's nearest: a beat missed on one
  // page shows as a count below the beats, not as a spread of a whole beat.
  const spreads = a.flatMap((at) => {
    const nearest = b.reduce(
      (best, other) => (Math.abs(other - at) < Math.abs(best - at) ? other : best),
      Infinity,
    );
    return Math.abs(nearest - at) < periodMs / 2 ? [Math.abs(nearest - at)] : [];
  });
  const summary = summarize(spreads);
  console.log(
    `Metronome at ${BPM} bpm: the owner's page clicked ${a.length} times, the other ${b.length}`,
  );
  console.log(`Click spread between two pages, ${spreads.length} beats: ${formatSummary(summary)}`);
  console.log(
    `target (at most 5 ms): ${summary.max <= 5 ? "met for every beat" : summary.p99 <= 5 ? "met at p99" : "NOT met"}`,
  );
} finally {
  await close();
}
