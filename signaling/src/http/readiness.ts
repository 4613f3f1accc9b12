import type { RecordingStore } from "../recordings/recordingStore";
import type { Cluster } from "../cluster/cluster";

export interface ReadinessReport {
  ready: boolean;
  checks: {
    store: "ok" | "unreachable";
    redis: "ok" | "unreachable" | "not configured";
  };
}

/** How long the store may take to answer a readiness ping. */
const STORE_PING_TIMEOUT_MS = 2000;

/** `/readyz`: whether this instance can serve a room fully (its store, and Redis if used). */
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
    ready: storeOk && redis !== "unreachable",
    checks: { store: storeOk ? "ok" : "unreachable", redis },
  };
}
