import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Logger } from "../logger";
import type { InterServerEvents, SignalingServer } from "../types";
import type { Cluster, ClusterSocket, ToldEvent } from "./cluster";

/** How long a cross-instance request (say, a room's member list) waits for answers. */
const REQUEST_TIMEOUT_MS = 2000;

/**
 * Joins the instances that share the Redis at `url`, through `@socket.io/redis-adapter`:
 * it carries room broadcasts and inter-server events. While Redis is away the instance
 * keeps serving its own clients (`connected` is false) and resumes on return.
 */
export function joinRedisCluster(io: SignalingServer, url: string, logger: Logger): Cluster {
  const socket = {
    // Keep trying, quickly at first: a restarted Redis is picked up within 2 s.
    reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
  };
  // What cannot be published now is dropped, not queued: replayed after an outage, old
  // claims would send live sockets away and old offers reset working links.
  const pub = createClient({ url, socket, disableOfflineQueue: true });
  // The subscriber's subscriptions wait for its first connection (made after the adapter
  // subscribes), and are made again by the client itself after each reconnection.
  const sub = createClient({ url, socket });
  let cuts = 0;
  for (const [role, client] of [
    ["publisher", pub],
    ["subscriber", sub],
  ] as const) {
    let lost = false;
    client.on("error", (error: Error) => {
      if (lost) return;
      lost = true;
      cuts += 1;
      logger.warn({ err: error, role }, "Redis connection lost; serving local clients");
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

  const connected = () => pub.isReady && sub.isReady;
  return {
    kind: "redis",
    get connected() {
      return connected();
    },
    get cuts() {
      return cuts;
    },
    // While Redis is away nobody can be told: the caller hears so (a signal for a member
    // elsewhere is then answered "unknown-peer"), and nothing is kept for later.
    tell<E extends ToldEvent>(event: E, ...args: Parameters<InterServerEvents[E]>) {
      if (!connected()) return false;
      (io.serverSideEmit as (event: E, ...args: unknown[]) => void)(event, ...args);
      return true;
    },
    hear<E extends keyof InterServerEvents>(event: E, listener: InterServerEvents[E]) {
      io.on(event, listener as never);
    },
    // Redis answers within the adapter's request timeout, or with what it has.
    askRoomRecords: async (room) =>
      connected() ? await io.serverSideEmitWithAck("roomSettingsOf", room).catch(() => null) : [],
    askRosters: async () =>
      connected() ? await io.serverSideEmitWithAck("rosterOf").catch(() => null) : [],
    // While Redis is away, this instance's sockets only (rather than wait for it).
    socketsIn: async (room): Promise<ClusterSocket[]> =>
      await (connected() ? io : io.local).in(room).fetchSockets(),
    emitElsewhere: (room, here, event, ...args) => {
      const others = io.to(room).except(here);
      (others.emit as (event: string, ...args: unknown[]) => void)(event, ...args);
    },
    close: async () => {
      // close() lets queued commands (the last goodbyes) go first; without Redis, just drop.
      await Promise.allSettled(
        [pub, sub].map(async (client) => {
          if (!client.isOpen) return;
          if (client.isReady) await client.close();
          else client.destroy();
        }),
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
