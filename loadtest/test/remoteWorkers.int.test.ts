import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseScenarioArgs } from "../src/scenario/scenarioOptions";
import { runMode } from "../src/scenario/scenarioRun";

const WORKER_HOST = fileURLToPath(new URL("../src/workers/workerHost.ts", import.meta.url));
/** The other machine's clock runs this far ahead of the coordinator's. */
const SKEW_MS = 5000;

describe("user workers on another machine", () => {
  let remote: ChildProcess | undefined;
  afterEach(() => {
    remote?.kill();
  });

  it("take their users from the coordinator, and time notes on its clock", async () => {
    const options = parseScenarioArgs([
      "--users=6",
      "--rooms=2",
      "--room-limit=3",
      "--ramp-users=3",
      "--ramp-every=1",
      "--hold=8",
      "--reconnect-chance=0",
      "--processes=1",
      "--remote-workers=1",
      "--webrtc-rooms=1",
    ])!;
    let exited: Promise<unknown> | undefined;
    const run = await runMode(options, "p2p", (line) => {
      // The coordinator says where to connect; a worker host on "another machine" (here,
      // a process whose clock is 5 s ahead) does.
      const port = /--coordinator http:\/\/<this machine>:(\d+)/.exec(line)?.[1];
      if (!port) return;
      remote = spawn(
        process.execPath,
        ["--import", "tsx", WORKER_HOST, "--coordinator", `http://127.0.0.1:${port}`],
        {
          env: { ...process.env, NICEPIANO_LOADTEST_CLOCK_SKEW_MS: String(SKEW_MS) },
          stdio: "inherit",
        },
      );
      exited = once(remote, "exit");
    });
    expect(remote).toBeDefined();
    expect(run.lostProcesses).toEqual([]);
    expect(run.unfinishedProcesses).toBe(0);
    const { summary } = run;
    expect(summary.errors).toEqual({});
    expect(summary.peakConnected).toBe(6);
    // Notes between the two workers' users were timed on the coordinator's clock: were
    // either side's own clock used, they would be 5 s early or late.
    expect(summary.noteLatency.count).toBeGreaterThan(50);
    expect(summary.noteLatency.p50).toBeGreaterThan(0);
    expect(summary.noteLatency.max).toBeLessThan(1000);
    // The remote host ends with the run.
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  }, 120_000);
});
