import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Logger } from "../logger";
import type { SignalingServer } from "../types";

/**
 * How this instance reaches the others. Standalone: there are none. Redis: the Socket.IO
 * adapter carries room broadcasts and inter-server events; while Redis is away the
 * instance keeps serving its own clients (`connected` is false) and resumes on return.
 */
export interface Cluster {
  /** Whether other instances may exist. */
  readonly clustered: boolean;
  /** Whether cross-instance traffic flows now (always, when standalone). */
  readonly connected: boolean;
  close(): Promise<void>;
}

export const STANDALONE: Cluster = {
  clustered: false,
  connected: true,
  close: () => Promise.resolve(),
};

/** How long a cross-instance request (say, a room's member list) waits for answers. */
const REQUEST_TIMEOUT_MS = 2000;

/** Joins the instances that share the Redis at `url`, through `@socket.io/redis-adapter`. */
export function joinRedisCluster(io: SignalingServer, url: string, logger: Logger): Cluster {
  const pub = createClient({
    url,
    socket: {
      // Keep trying, quickly at first: a restarted Redis is picked up within 2 s.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  const sub = pub.duplicate();
  for (const [role, client] of [
    ["publisher", pub],
    ["subscriber", sub],
  ] as const) {
    let lost = false;
    client.on("error", (error: Error) => {
      if (!lost) logger.warn({ err: error, role }, "Redis connection lost; serving local clients");
      lost = true;
    });
    client.on("ready", () => {
      if (lost) logger.info({ role }, "Redis connection back");
      lost = false;
    });
  }
  // The adapter fires publishes and unsubscribes without waiting on them; one that fails
  // (Redis gone, or closing) must be logged, not left to crash the process.
  const dropped = (error: unknown) => logger.debug({ err: error }, "Redis command dropped");
  io.adapter(
    createAdapter(
      catchingRejections(pub, ["publish"], dropped),
      catchingRejections(sub, ["pUnsubscribe", "unsubscribe"], dropped),
      { requestsTimeout: REQUEST_TIMEOUT_MS },
    ),
  );
  // Commands wait in the clients' queues until the first connection; it is retried forever.
  void Promise.all([pub.connect(), sub.connect()]).catch((error: unknown) =>
    logger.error({ err: error }, "Redis connection failed"),
  );

  return {
    clustered: true,
    get connected() {
      return pub.isReady && sub.isReady;
    },
    close: async () => {
      // QUIT lets queued commands (the last goodbyes) go first; without Redis, just drop.
      await Promise.allSettled(
        [pub, sub].map((client) =>
          !client.isOpen ? Promise.resolve() : client.isReady ? client.quit() : client.disconnect(),
        ),
      );
    },
  };
}

/** `client`, with the promises of `methods` caught by `onError` instead of rejecting. */
function catchingRejections<T extends object>(
  client: T,
  methods: string[],
  onError: (error: unknown) => void,
): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof property !== "string" || !methods.includes(property)) return bound;
      return (...args: unknown[]) => {
        const result = bound(...args);
        if (result instanceof Promise) result.catch(onError);
        return result;
      };
    },
  });
}
