import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LOAD_TOOL_ENV, startServerProcess } from "@nicepiano/signaling/testing";
import { summarize, type Summary } from "../stats";
import type { CapacityOrders, CapacityReport } from "./capacityMessages";
import { processStats } from "./processStats";

export interface CapacityOptions {
  clients: number;
  roomSize: number;
  workers: number;
  /** New connections per second, over all workers. */
  perSecond: number;
  /** How long to hold full load, in seconds. */
  holdSeconds: number;
  /** Writes a V8 CPU profile of the server (`.cpuprofile`) into this folder when it stops. */
  profileDir?: string;
  /** Hears a progress line every 5 s. */
  onProgress?: (line: string) => void;
}

export interface CapacityResult {
  joined: number;
  errors: number;
  /** Join acknowledgement times over the ramp, ms. */
  joinAcks: Summary;
  /** Gaps between two latency pings at a client while at full load, ms (2,000 on time). */
  pingGaps: Summary;
  /** Server CPU % per second while at full load. */
  cpu: Summary;
  rssMaxBytes: number;
  /**
   * The server's own event loop delay while at full load, ms (prom-client's histogram,
   * which each scrape of /metrics starts afresh): tells a late server from late clients
   * when pings arrive late.
   */
  serverLoopDelay: { p50: number; p99: number; max: number };
}

const WORKER = fileURLToPath(new URL("./capacityWorker.ts", import.meta.url));
const TOO_LONG_S = 600;

/**
 * Capacity: signaling-only clients (socket.io-client, no WebRTC) in worker processes join
 * rooms at a steady pace against one server process, answer its latency pings and now and
 * then signal a room-mate; then full load is held. Measures joins, the ping cycle at the
 * clients, and the server's CPU and memory (from /proc).
 */
export async function runCapacity(options: CapacityOptions): Promise<CapacityResult> {
  const { clients, roomSize, workers: workerCount, perSecond, holdSeconds } = options;
  const server = await startServerProcess(
    { ...LOAD_TOOL_ENV, MAX_ROOM_MEMBERS: String(Math.max(roomSize, 2)) },
    undefined,
    options.profileDir ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`] } : {},
  );
  const latest = new Map<ChildProcess, Extract<CapacityReport, { type: "tick" }>>();
  const joinAcks: number[] = [];
  let pingGaps: number[] = [];
  const share = Math.ceil(clients / workerCount);
  const workers = Array.from({ length: workerCount }, (_, w) => {
    const child = fork(WORKER, { execArgv: ["--import", "tsx"], stdio: "inherit" });
    child.on("message", (report: CapacityReport) => {
      if (report.type !== "tick") return;
      latest.set(child, report);
      joinAcks.push(...report.joinAcks);
      pingGaps.push(...report.pingGaps);
    });
    const orders: CapacityOrders = {
      url: server.url,
      first: w * share,
      count: Math.max(0, Math.min(share, clients - w * share)),
      roomSize,
      perSecond: perSecond / workerCount,
    };
    child.send(orders);
    return child;
  });
  const totals = () => {
    const ticks = [...latest.values()];
    return {
      connected: ticks.reduce((sum, tick) => sum + tick.connected, 0),
      joined: ticks.reduce((sum, tick) => sum + tick.joined, 0),
      errors: ticks.reduce((sum, tick) => sum + tick.errors, 0),
    };
  };

  try {
    const cpuAtFullLoad: number[] = [];
    let rssMaxBytes = 0;
    let before = processStats(server.pid);
    let fullSince = 0;
    for (let second = 1; ; second++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const now = processStats(server.pid);
      const cpuPercent = (now.cpuMs - before.cpuMs) / 10;
      before = now;
      rssMaxBytes = Math.max(rssMaxBytes, now.rssBytes);
      const { connected, joined, errors } = totals();
      if (second % 5 === 0) {
        options.onProgress?.(
          `${String(second).padStart(4)} s: ${connected} connected, ${joined} joined, ${errors} errors; ` +
            `server CPU ${cpuPercent.toFixed(0)} %, RSS ${(now.rssBytes / 2 ** 20).toFixed(0)} MB`,
        );
      }
      if (fullSince > 0) cpuAtFullLoad.push(cpuPercent);
      if (fullSince === 0 && joined >= clients) {
        fullSince = second;
        pingGaps = []; // on time at full load is what counts
        await fetch(`${server.url}/metrics`); // starts the server's delay histogram afresh
      }
      if (fullSince > 0 && second - fullSince >= holdSeconds) break;
      if (second > TOO_LONG_S) throw new Error(`${joined}/${clients} joined after ${TOO_LONG_S} s`);
    }
    const { joined, errors } = totals();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const seconds = (name: string) =>
      Number(new RegExp(`^${name} (\\S+)$`, "m").exec(metrics)?.[1] ?? Number.NaN) * 1000;
    return {
      serverLoopDelay: {
        p50: seconds("nodejs_eventloop_lag_p50_seconds"),
        p99: seconds("nodejs_eventloop_lag_p99_seconds"),
        max: seconds("nodejs_eventloop_lag_max_seconds"),
      },
      joined,
      errors,
      joinAcks: summarize(joinAcks),
      pingGaps: summarize(pingGaps),
      cpu: summarize(cpuAtFullLoad),
      rssMaxBytes,
    };
  } finally {
    for (const worker of workers) worker.disconnect();
    await server.kill();
  }
}
