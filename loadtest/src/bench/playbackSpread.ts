/**
 * Playback spread: two browsers in one room hear a recording played into it; how far
 * apart do they start its first note? Each page reports when each sound will be heard
 * on the wall clock (from the audio context's own output timestamp), and the two pages
 * share this machine's clock, so the difference is what their clock sync and scheduling
 * leave over. Headless Chromium in the test network namespace.
 *
 *   npm run bench:playback [-- --runs 20]
 */
import { parseArgs } from "node:util";
import { PeerMessageType } from "@nicepiano/protocol";
import type { Page } from "playwright-core";
import { openBenchPage, startBrowserBench } from "./benchPages";
import { formatSummary, summarize } from "../stats";
import { helpWhenAsked } from "./benchHelp";

helpWhenAsked(import.meta.url);

const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
const RUNS = Number(values.runs);

const { server, origin, browser, close } = await startBrowserBench();

try {
  const ada = await server.backend.localAccounts!.signUp({
    username: "ada",
    password: "correct horse",
  });
  const recording = await server.backend.recordings.save(ada.account.id, {
    name: "One note",
    startTime: 0,
    endTime: 300,
    events: [
      [0, PeerMessageType.NoteOn, 60, 100],
      [100, PeerMessageType.NoteOff, 60, 0],
    ],
  });

  const open = (name: string, session?: unknown) =>
    openBenchPage(browser, `${origin}/r/spread`, name, session);
  const player = await open("Ada", ada);
  const listener = await open("Bob");
  // Let both finish their clock samples (five at join) and open the channel.
  await listener.waitForSelector("li[data-state=open]", { timeout: 20_000 });
  await new Promise((resolve) => setTimeout(resolve, 2000));

  const wallTimes = (page: Page) => page.evaluate(() => window.__audioWallTimes.length);
  const firstSince = (page: Page, from: number) =>
    page.evaluate((index) => window.__audioWallTimes[index], from);
  const playButton = player.locator(`li[data-recording="${recording.id}"] button`, {
    hasText: "Play",
  });

  const spreads: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const [fromPlayer, fromListener] = [await wallTimes(player), await wallTimes(listener)];
    await playButton.click();
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const [a, b] = [await firstSince(player, fromPlayer), await firstSince(listener, fromListener)];
    if (a === undefined || b === undefined) throw new Error(`run ${run}: a page heard nothing`);
    spreads.push(Math.abs(a - b));
  }
  const summary = summarize(spreads);
  console.log(
    `Playback start spread between two pages, ${RUNS} playbacks: ${formatSummary(summary)}`,
  );
  console.log(
    `target (at most 5 ms): ${summary.max <= 5 ? "met for every run" : summary.p95 <= 5 ? "met at p95" : "NOT met"}`,
  );
} finally {
  await close();
}
