import type { RecordingStore } from "../recordings/recordingStore";
import type { Cluster } from "../cluster/cluster";

export interface ReadinessReport {
  /** Whether a balancer should send players here. */
  ready: boolean;
  checks: {
    store: "ok" | "unreachable";
    redis: "ok" | "unreachable" | "not configured";
  };
  /**
   * What works only in part, while this instance still serves its players. "cluster":
   * Redis is away, so rooms, signals and playbacks reach this instance's players only.
   */
  degraded?: "cluster"[];
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
  return {
    ready: storeOk,
    checks: { store: storeOk ? "ok" : "unreachable", redis },
    ...(redis === "unreachable" ? { degraded: ["cluster" as const] } : {}),
  };
}
