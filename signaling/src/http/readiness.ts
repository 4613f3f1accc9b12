import { statfsSync } from "node:fs";
import type { RecordingStore } from "../recordings/recordingStore";
import type { Cluster } from "../cluster/cluster";

export interface ReadinessReport {
  /** Whether a balancer should send players here. */
  ready: boolean;
  checks: {
    store: "ok" | "unreachable";
    redis: "ok" | "unreachable" | "not configured";
    /** The data folder's disk, when this instance keeps its data on one. */
    disk?: "ok" | "full";
  };
  /**
   * What works only in part, while this instance still serves its players. "cluster":
   * Redis is away, so rooms, signals and playbacks reach this instance's players only.
   */
  degraded?: "cluster"[];
}

/** A data folder, and the free space its disk must keep. */
export interface DiskCheck {
  dir: string;
  minFreeBytes: number;
}

function diskStateOf({ dir, minFreeBytes }: DiskCheck): "ok" | "full" {
  const { bavail, bsize } = statfsSync(dir);
  return bavail * bsize < minFreeBytes ? "full" : "ok";
}

/** How long the store may take to answer a readiness ping. */
const STORE_PING_TIMEOUT_MS = 2000;

/**
 * `/readyz`: whether this instance can serve players: its store must answer. Redis being
 * away does not take it out of the balancer (every instance would go at once, and nobody
 * could load the page): its own players keep playing, and the report says "degraded".
 */
export async function checkReadiness(
  store: RecordingStore,
  cluster: Cluster,
  disk?: DiskCheck,
): Promise<ReadinessReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), STORE_PING_TIMEOUT_MS);
  });
  const storeOk = await Promise.race([store.ping(), timeout]).then(
    () => true,
    () => false,
  );
  clearTimeout(timer);
  const redis =
    cluster.kind === "standalone" ? "not configured" : cluster.connected ? "ok" : "unreachable";
  const diskState = disk ? diskStateOf(disk) : undefined;
  return {
    ready: storeOk && diskState !== "full",
    checks: {
      store: storeOk ? "ok" : "unreachable",
      redis,
      ...(diskState ? { disk: diskState } : {}),
    },
    ...(redis === "unreachable" ? { degraded: ["cluster" as const] } : {}),
  };
}
