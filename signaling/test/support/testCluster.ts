import { expect, vi } from "vitest";
import type { ServerConfig } from "../../src/config";
import type { Backend } from "../../src/backend";
import { startTestServer, type TestServer } from "./testServer";

/**
 * `count` real signaling servers (sharing `backend`, or each with its own) joined by the
 * Redis at `redisUrl`, returned once every one of them can publish and every one's
 * subscriptions stand in Redis. A broadcast sent before that is lost: an instance drops
 * what it cannot publish yet, and Redis gives a message only to the subscribers it has
 * at that moment.
 */
export async function startTestCluster(
  count: number,
  redisUrl: string,
  overrides: Partial<ServerConfig> = {},
  backend?: Backend | readonly Backend[],
): Promise<TestServer[]> {
  const backendOf = (i: number) => (Array.isArray(backend) ? backend[i] : backend) as Backend;
  const instances = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startTestServer({ ...overrides, redisUrl }, backendOf(i)),
    ),
  );
  await untilJoinedUp(instances);
  return instances;
}

/**
 * Waits (up to 10 s) until each of `instances` publishes and counts all of them
 * subscribed. The adapter subscribes to its broadcasts' pattern before the request
 * channel counted here, on one connection, so a count of all means both stand.
 */
async function untilJoinedUp(instances: TestServer[]): Promise<void> {
  const counts = () =>
    Promise.all(
      instances.map((instance) =>
        instance.server.io
          .of("/")
          .adapter.serverCount()
          .catch(() => 0),
      ),
    );
  await vi.waitFor(
    async () => expect(await counts()).toEqual(instances.map(() => instances.length)),
    {
      timeout: 10_000,
      interval: 50,
    },
  );
}
