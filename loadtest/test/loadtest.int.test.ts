import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../e2e/support/browser";
import { reportHtml } from "../src/scenario/report/reportHtml";
import { compare, type ScenarioReport } from "../src/scenario/report/scenarioReport";
import { parseScenarioArgs } from "../src/scenario/scenarioOptions";
import { runMode, type ModeRun } from "../src/scenario/scenarioRun";

/**
 * Six users in two full rooms of three, two joining a second, eight seconds at full load;
 * peer to peer, one room on real WebRTC and the other signaling only.
 */
const options = parseScenarioArgs([
  "--users=6",
  "--rooms=2",
  "--room-limit=3",
  "--ramp-users=2",
  "--ramp-every=10",
  "--hold=80",
  "--time-scale=10",
  "--reconnect-chance=0.05",
  "--processes=3",
  "--webrtc-rooms=1",
])!;
const runs: ModeRun[] = [];
const dir = mkdtempSync(join(tmpdir(), "np-loadtest-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(["p2p", "relay"] as const)("a scaled-down load test in %s mode", (mode) => {
  it("reports every metric, each plausible", async () => {
    const run = await runMode(options, mode);
    runs.push(run);
    const { summary, seconds } = run;
    expect(run.unfinishedProcesses).toBe(0);
    expect(run.lostProcesses).toEqual([]);
    expect(summary.errors).toEqual({});
    expect(summary.peakConnected).toBe(6);
    expect(summary.holdSeconds).toBe(8);
    // 6 users, one event each per 500 ms.
    expect(summary.eventsPerSecond.mean).toBeGreaterThan(9);
    expect(summary.eventsPerSecond.mean).toBeLessThan(15);
    // Which users are which: peer to peer, the first room on WebRTC, the other signaling
    // only (its notes pass no server, and are counted, not sent).
    expect(run.users).toEqual(mode === "p2p" ? { webrtc: 3, signaling: 3 } : { relay: 6 });
    expect(summary.quietNotes > 0).toBe(mode === "p2p");
    expect(summary.joinAck.count).toBeGreaterThanOrEqual(6);
    expect(summary.joinAck.p50).toBeGreaterThan(0);
    // At full load each note is for the other two in its room. Peer to peer, a user whose
    // connection to the server drops keeps its channels: nothing is lost. Relayed, its
    // notes wait for the reconnect and the room's notes meanwhile miss it.
    const hold = seconds.filter((record) => record.phase === "hold");
    const expected = hold.reduce((sum, record) => sum + record.notesSent * 2, 0);
    const received = hold.reduce((sum, record) => sum + record.notesReceived, 0);
    expect(received / expected).toBeGreaterThan(mode === "p2p" ? 0.95 : 0.7);
    expect(received / expected).toBeLessThan(1.05);
    expect(summary.noteLatency.p50).toBeGreaterThan(0);
    expect(summary.noteLatency.p99).toBeLessThan(1000);
    expect(summary.recordingLatency.count).toBeGreaterThan(0);
    expect(summary.recordingLatency.p50).toBeGreaterThan(0);
    expect(summary.joinTime.count).toBeGreaterThanOrEqual(6);
    expect(summary.joinTime.p50).toBeGreaterThan(0);
    expect(summary.cpu.count).toBe(8);
    expect(summary.cpu.max).toBeGreaterThan(0);
    expect(summary.rssMaxBytes).toBeGreaterThan(20 * 2 ** 20);
    // The timeline: ramp up, hold, ramp down, second by second.
    expect(seconds.map((record) => record.second)).toEqual(seconds.map((_, i) => i));
    // At full load all 6 are in, but for one now and then caught reconnecting.
    const inRooms = seconds.filter((r) => r.phase === "hold").map((r) => r.connected);
    expect(Math.min(...inRooms)).toBeGreaterThanOrEqual(4);
    expect(inRooms.filter((n) => n === 6).length).toBeGreaterThan(inRooms.length / 2);
    expect(seconds.at(-1)!.connected).toBe(0);
    for (const record of seconds) {
      expect(record.instances).toHaveLength(1);
      expect(record.instances[0]!.cpuPercent).toBeGreaterThanOrEqual(0);
    }
  }, 90_000);
});

describe("a scaled-down load test against two instances with Redis behind haproxy", () => {
  it("measures each instance and keeps every user in its room", async () => {
    const spread = { ...options, instances: 2, haproxy: true };
    const { summary, seconds, instanceNames } = await runMode(spread, "relay");
    expect(summary.errors).toEqual({});
    expect(summary.peakConnected).toBe(6);
    expect(instanceNames).toEqual(["instance 1", "instance 2"]);
    for (const record of seconds) expect(record.instances).toHaveLength(2);
    // Rooms span both instances (haproxy's leastconn): every note still reaches the room.
    const hold = seconds.filter((record) => record.phase === "hold");
    const expected = hold.reduce((sum, record) => sum + record.notesSent * 2, 0);
    const received = hold.reduce((sum, record) => sum + record.notesReceived, 0);
    expect(received / expected).toBeGreaterThan(0.7);
    expect(Math.max(...seconds.map((record) => record.instances[1]!.rssBytes))).toBeGreaterThan(
      20 * 2 ** 20,
    );
  }, 90_000);
});

describe("the load test report", () => {
  it("renders every chart in headless Chromium without any network", async () => {
    expect(runs).toHaveLength(2);
    const report: ScenarioReport = {
      createdAt: new Date().toISOString(),
      machine: { cpus: 2, memoryBytes: 2 ** 34, node: process.version },
      options,
      runs,
      comparison: compare(runs),
    };
    expect(report.comparison!.cpuMeanRatio).toBeGreaterThan(0);
    const file = join(dir, "report.html");
    writeFileSync(file, reportHtml(report));
    const { browser, close } = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const requested: string[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith("file:")) requested.push(request.url());
      });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(pathToFileURL(file).href);
      // 2 comparison charts, then 6 per mode.
      await page.waitForSelector("body[data-charts='14']", { timeout: 10_000 });
      expect(await page.locator(".uplot canvas").count()).toBe(14);
      expect(await page.locator("table.summary").innerText()).toContain(
        "note latency p50 / p95 / p99",
      );
      expect(errors).toEqual([]);
      expect(requested).toEqual([]);
      mkdirSync("test-artifacts", { recursive: true });
      await page.screenshot({ path: "test-artifacts/loadtest-report.png", fullPage: true });
    } finally {
      await close();
    }
  }, 60_000);
});
