import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Cluster } from "../src/cluster/cluster";
import { joinRedisCluster } from "../src/cluster/redisCluster";
import { RoomSettingsRegistry } from "../src/rooms/roomSettingsRegistry";
import type { SignalingServer } from "../src/types";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import type { TestClient } from "./support/testServer";

/** An instance: a Socket.IO server whose sockets join the room their URL names. */
interface Instance {
  io: SignalingServer;
  cluster: Cluster;
  registry: RoomSettingsRegistry;
  url: string;
}

async function startInstance(redisUrl: string): Promise<Instance> {
  const http = createServer();
  const io: SignalingServer = new Server(http);
  const cluster = joinRedisCluster(io, redisUrl, pino({ level: "silent" }));
  io.on("connection", (socket) => void socket.join(String(socket.handshake.query.room)));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  await vi.waitFor(() => expect(cluster.connected).toBe(true));
  const registry = new RoomSettingsRegistry(io, cluster, 16);
  return { io, cluster, registry, url: `http://127.0.0.1:${port}` };
}

describe("a room's record changed on two instances at once", () => {
  let redis: RedisServer;
  let a: Instance;
  let b: Instance;
  const clients: TestClient[] = [];

  /** A client of `instance` in `room`, once the instance has put it there. */
  const inRoom = async (instance: Instance, room: string): Promise<void> => {
    const socket: TestClient = connect(instance.url, {
      transports: ["websocket"],
      forceNew: true,
      query: { room },
    });
    clients.push(socket);
    await vi.waitFor(() =>
      expect(
        instance.io
          .of("/")
          .adapter.rooms.get(room)
          ?.has(socket.id ?? ""),
      ).toBe(true),
    );
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    [a, b] = await Promise.all([startInstance(redis.url), startInstance(redis.url)]);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    for (const { io, cluster, registry } of [a, b]) {
      registry.close();
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await cluster.close();
    }
    await redis.stop();
  });

  it("keeps both: the owner's lock here and a join's admission there", async () => {
    await Promise.all([inRoom(a, "jam"), inRoom(b, "jam")]);
    await a.registry.forJoin("jam", "ada", false);
    a.registry.admit("jam", "ada");
    await vi.waitFor(() => expect(b.registry.get("jam")).toBeDefined());

    // In one turn: each instance sends its change before it can hear the other's.
    a.registry.change("jam", { type: "lock", locked: true });
    b.registry.admit("jam", "bob");

    for (const instance of [a, b]) {
      await vi.waitFor(() => {
        const record = instance.registry.get("jam");
        expect(record?.settings.locked).toBe(true);
        expect(record?.admitted).toContain("bob");
      });
    }
    // And still so once every message has landed.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.registry.get("jam")).toEqual(b.registry.get("jam"));
  });

  it("agrees on one record when the room's first players arrive on both at once", async () => {
    await Promise.all([inRoom(a, "duo"), inRoom(b, "duo")]);
    // Neither saw the other yet: each makes a record owned by its own player.
    await Promise.all([
      a.registry.forJoin("duo", "ada", false),
      b.registry.forJoin("duo", "bob", false),
    ]);
    await vi.waitFor(() => {
      const owners = [a, b].map((instance) => instance.registry.get("duo")?.settings.owner);
      expect(owners[0]).toBe(owners[1]);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.registry.get("duo")).toEqual(b.registry.get("duo"));
  });
});
