import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  LOAD_TOOL_ENV,
  startHaproxy,
  startRedisServer,
  startServerProcess,
  type HaproxyProcess,
  type RedisServer,
  type ServerProcess,
} from "@nicepiano/signaling/testing";
import { processStats } from "../capacity/processStats";
import { compiledServers } from "./compiledServers";
import type { Mode, ScenarioOptions } from "./scenarioOptions";

/** CPU time used so far (ms) and resident memory (bytes) of one signaling instance. */
export interface InstanceProbe {
  name: string;
  sample(): Promise<{ cpuMs: number; rssBytes: number }>;
}

export interface Target {
  /** Where users connect: user `i` takes `urls[i % urls.length]`. */
  urls: string[];
  /** Where the run makes its accounts (an instance itself: the balancer's HTTPS is the users'). */
  accountUrls: string[];
  /** A certificate the users' processes must trust (the balancer's, made for the run). */
  caFile?: string;
  instances: InstanceProbe[];
  /** The process ids of the instances spawned here (none for `--url`). */
  pids: number[];
  /** Stops what was spawned. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * What the users of one mode play against: the running server at `options.url`, or
 * `options.instances` spawned here (one SQLite folder shared by all, so any instance
 * knows every account; Redis when more than one; haproxy in front if asked). Relay mode
 * spawns the server with the original design's note path (relayDesignServer.ts). Both
 * are compiled as the production image's server is, and run by node alone.
 */
export async function openTarget(
  options: Pick<ScenarioOptions, "url" | "instances" | "haproxy" | "roomLimit" | "profile">,
  mode: Mode,
): Promise<Target> {
  if (options.url) {
    const urls = [options.url];
    return {
      urls,
      accountUrls: urls,
      instances: [metricsProbe(options.url)],
      pids: [],
      stop: async () => {},
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "np-loadtest-"));
  let redis: RedisServer | undefined;
  let haproxy: HaproxyProcess | undefined;
  const servers: ServerProcess[] = [];
  const stop = async () => {
    await haproxy?.stop();
    await Promise.all(servers.map((server) => server.kill()));
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (options.instances > 1) redis = await startRedisServer();
    const env = {
      ...LOAD_TOOL_ENV,
      DATA_DIR: dataDir,
      MAX_ROOM_MEMBERS: String(options.roomLimit),
      ...(redis ? { REDIS_URL: redis.url } : {}),
    };
    const main = (await compiledServers())[mode];
    // As `npm run serve` runs it.
    const nodeArgs = ["--enable-source-maps"];
    if (options.profile) nodeArgs.push("--cpu-prof", `--cpu-prof-dir=${options.profile}`);
    const start = () => startServerProcess(env, undefined, { main, nodeArgs });
    // The first makes the database and the session secret the others then share.
    servers.push(await start());
    servers.push(...(await Promise.all(Array.from({ length: options.instances - 1 }, start))));
    if (options.haproxy) haproxy = await startHaproxy(servers.map((server) => server.port));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls: haproxy ? [haproxy.url] : servers.map((server) => server.url),
    accountUrls: servers.map((server) => server.url),
    ...(haproxy ? { caFile: haproxy.caFile } : {}),
    pids: servers.map((server) => server.pid),
    instances: servers.map((server, i) => ({
      name: `instance ${i + 1}`,
      sample: () => Promise.resolve(processStats(server.pid)),
    })),
    stop,
  };
}

/** Reads a server's CPU and RSS from its Prometheus metrics (prom-client's process metrics). */
function metricsProbe(url: string): InstanceProbe {
  return {
    name: url,
    sample: async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
      return {
        cpuMs: value("process_cpu_seconds_total") * 1000,
        rssBytes: value("process_resident_memory_bytes"),
      };
    },
  };
}
