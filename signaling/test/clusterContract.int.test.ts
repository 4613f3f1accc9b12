import { freshRoomSettings, type Member, type PeerId } from "@nicepiano/protocol";
import { createServer } from "node:http";
import {
  connect as netConnect,
  createServer as createNetServer,
  type AddressInfo,
  type Socket,
} from "node:net";
import { pino } from "pino";
import { Server } from "socket.io";
import { io as connect } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Cluster } from "../src/cluster/cluster";
import { LocalCluster } from "../src/cluster/localCluster";
import { joinRedisCluster } from "../src/cluster/redisCluster";
import type { SharedRoomRecord, SignalingServer } from "../src/types";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import type { TestClient } from "./support/testServer";

/** One instance: a bare Socket.IO server whose sockets join the room their URL names. */
interface Instance {
  io: SignalingServer;
  cluster: Cluster;
  url: string;
}

async function startInstance(join: (io: SignalingServer) => Cluster): Promise<Instance> {
  const http = createServer();
  const io: SignalingServer = new Server(http);
  const cluster = join(io);
  io.on("connection", (socket) => void socket.join(String(socket.handshake.query.room)));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return { io, cluster, url: `http://127.0.0.1:${port}` };
}

async function stopInstance({ io, cluster }: Instance): Promise<void> {
  await new Promise<void>((resolve) => void io.close(() => resolve()));
  await cluster.close();
  await cluster.close(); // safe twice
}

const silent = pino({ level: "silent" });

const record: SharedRoomRecord = {
  settings: { ...freshRoomSettings("ada", 4), locked: true },
  admitted: ["ada"],
  chat: [],
  removed: [],
  minted: { at: 1, by: "ada" },
};

function memberNamed(name: string): Member {
  return { id: name, name, color: "#888", joinedAt: 0 };
}

/** A way of joining instances: how many a test gets, and how to start one. */
interface Implementation {
  name: string;
  size: number;
  setUp(): Promise<(io: SignalingServer) => Cluster>;
  tearDown(): Promise<void>;
}

let redis: RedisServer | undefined;
const IMPLEMENTATIONS: Implementation[] = [
  {
    name: "LocalCluster: one instance on its own",
    size: 1,
    setUp: () => Promise.resolve((io) => new LocalCluster(io)),
    tearDown: () => Promise.resolve(),
  },
  {
    name: "RedisCluster: three instances sharing a real redis-server",
    size: 3,
    setUp: async () => {
      redis = await startRedisServer();
      const url = redis.url;
      return (io) => joinRedisCluster(io, url, silent);
    },
    tearDown: async () => await redis?.stop(),
  },
];

describe.each(IMPLEMENTATIONS)("the cluster contract, $name", (implementation) => {
  const { size } = implementation;
  let instances: Instance[];
  let clients: TestClient[] = [];

  /** A client of instance `i` in `room`, once its server has put it there. */
  const client = async (i: number, room: string): Promise<TestClient> => {
    const socket: TestClient = connect(instances[i]!.url, {
      transports: ["websocket"],
      forceNew: true,
      query: { room },
    });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    await vi.waitFor(() =>
      expect(instances[i]!.io.of("/").adapter.rooms.get(room)?.has(socket.id!)).toBe(true),
    );
    return socket;
  };
  /** Two clients in "jam" and one in "other" on every instance. */
  const everywhere = async () => {
    const jam: TestClient[] = [];
    for (let i = 0; i < size; i++) {
      jam.push(await client(i, "jam"), await client(i, "jam"));
      await client(i, "other");
    }
    return jam;
  };

  beforeAll(async () => {
    const join = await implementation.setUp();
    instances = await Promise.all(Array.from({ length: size }, () => startInstance(join)));
    await vi.waitFor(() => expect(instances.every((i) => i.cluster.connected)).toBe(true), {
      timeout: 10_000,
    });
  });
  afterEach(() => {
    for (const socket of clients) socket.disconnect();
    clients = [];
  });
  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await implementation.tearDown();
  });

  it("finds a room's sockets on every instance, asked from any of them", async () => {
    const jam = await everywhere();
    const ids = jam.map((socket) => socket.id).sort();
    for (const { cluster } of instances) {
      const found = await cluster.socketsIn("jam");
      expect(found.map((socket) => socket.id).sort()).toEqual(ids);
    }
  });

  it("tells each other instance once, and never itself", async () => {
    const heard = instances.map(() => [] as PeerId[]);
    instances.forEach(({ cluster }, i) => cluster.hear("peerClaimed", (id) => heard[i]!.push(id)));
    const told = instances[0]!.cluster.tell("peerClaimed", "ada", "jam");
    expect(told).toBe(size > 1);
    await vi.waitFor(() => expect(heard.slice(1)).toEqual(heard.slice(1).map(() => ["ada"])));
    // Anything more (an echo to the teller, a second copy) would have come by now.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual(instances.map((_, i) => (i === 0 ? [] : ["ada"])));
  });

  it("asks the other instances for a room's record, and each answers", async () => {
    instances.forEach(({ cluster }, i) =>
      cluster.hear("roomSettingsOf", (room, answer) =>
        answer(room === "jam" && i === size - 1 ? record : null),
      ),
    );
    const answers = await instances[0]!.cluster.askRoomRecords("jam");
    expect(answers).toHaveLength(size - 1);
    expect(answers!.filter((answer) => answer !== null)).toEqual(size > 1 ? [record] : []);
    expect(await instances[0]!.cluster.askRoomRecords("unknown")).toEqual(
      Array.from({ length: size - 1 }, () => null),
    );
  });

  it("asks the other instances for their members, and each answers", async () => {
    instances.forEach(({ cluster }, i) =>
      cluster.hear("rosterOf", (answer) =>
        answer({ instance: `i${i}`, members: [{ room: "jam", member: memberNamed(`p${i}`) }] }),
      ),
    );
    const rosters = await instances[0]!.cluster.askRosters();
    const expected = instances.slice(1).map((_, i) => `i${i + 1}`);
    expect(rosters!.map((roster) => roster.instance).sort()).toEqual(expected);
  });

  it("sends to a room's sockets on the other instances only", async () => {
    const jam = await everywhere();
    const heard = new Set<string>();
    for (const socket of clients) socket.on("latency", () => heard.add(socket.id!));
    const here = [...instances[0]!.io.of("/").adapter.rooms.get("jam")!];
    instances[0]!.cluster.emitElsewhere("jam", here, "latency", { ada: 12 });
    const elsewhere = jam.slice(2).map((socket) => socket.id!);
    await vi.waitFor(() => expect([...heard].sort()).toEqual(elsewhere.sort()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect([...heard].sort()).toEqual(elsewhere.sort());
  });
});

describe("RedisCluster while its Redis is away", () => {
  let instances: Instance[];
  let server: RedisServer;

  beforeAll(async () => {
    server = await startRedisServer();
    instances = await Promise.all(
      [0, 1].map(() => startInstance((io) => joinRedisCluster(io, server.url, silent))),
    );
    await vi.waitFor(() => expect(instances.every((i) => i.cluster.connected)).toBe(true), {
      timeout: 10_000,
    });
  });
  afterAll(async () => {
    await Promise.all(instances.map(stopInstance));
    await server.stop();
  });

  it("answers from this instance at once, then reaches the others again", async () => {
    const sockets = [0, 1].map((i) =>
      connect(instances[i]!.url, {
        transports: ["websocket"],
        forceNew: true,
        query: { room: "jam" },
      }),
    );
    await vi.waitFor(async () =>
      expect(await instances[0]!.cluster.socketsIn("jam")).toHaveLength(2),
    );
    const cutsBefore = instances[0]!.cluster.cuts;
    await server.kill();
    await vi.waitFor(() => expect(instances[0]!.cluster.connected).toBe(false));
    // Counted: what was heard before may be out of date.
    expect(instances[0]!.cluster.cuts).toBeGreaterThan(cutsBefore);
    const started = performance.now();
    expect(await instances[0]!.cluster.socketsIn("jam")).toHaveLength(1);
    expect(await instances[0]!.cluster.askRoomRecords("jam")).toEqual([]);
    expect(await instances[0]!.cluster.askRosters()).toEqual([]);
    expect(performance.now() - started).toBeLessThan(500);

    await server.start();
    await vi.waitFor(() => expect(instances[0]!.cluster.connected).toBe(true), { timeout: 10_000 });
    await vi.waitFor(async () =>
      expect(await instances[0]!.cluster.socketsIn("jam")).toHaveLength(2),
    );
    for (const socket of sockets) socket.disconnect();
  });
});

/**
 * A TCP forwarder to `target` on a free loopback port: `cut()` drops every connection and
 * refuses new ones (this instance alone loses Redis), `mend()` lets them through again.
 */
async function startCuttableLink(target: URL) {
  const open = new Set<Socket>();
  let cut = false;
  const server = createNetServer((client) => {
    if (cut) return void client.destroy();
    const upstream = netConnect(Number(target.port), target.hostname);
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(a);
      a.pipe(b);
      a.on("error", () => b.destroy());
      a.on("close", () => (open.delete(a), b.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    cut: () => {
      cut = true;
      for (const socket of open) socket.destroy();
    },
    mend: () => (cut = false),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("RedisCluster when one instance loses Redis and gets it back", () => {
  it("tells nobody later what it could not tell then (no stale claim, offer or stop)", async () => {
    const redis = await startRedisServer();
    const link = await startCuttableLink(new URL(redis.url));
    const cutOff = await startInstance((io) => joinRedisCluster(io, link.url, silent));
    const other = await startInstance((io) => joinRedisCluster(io, redis.url, silent));
    const both = [cutOff, other];
    await vi.waitFor(() => expect(both.every((i) => i.cluster.connected)).toBe(true));
    const heard: string[] = [];
    other.cluster.hear("peerClaimed", (id) => heard.push(id));
    cutOff.cluster.tell("peerClaimed", "before", "jam");
    await vi.waitFor(() => expect(heard).toEqual(["before"]));

    link.cut();
    await vi.waitFor(() => expect(cutOff.cluster.connected).toBe(false));
    cutOff.cluster.tell("peerClaimed", "during", "jam");
    link.mend();
    await vi.waitFor(() => expect(cutOff.cluster.connected).toBe(true), { timeout: 10_000 });
    cutOff.cluster.tell("peerClaimed", "after", "jam");
    await vi.waitFor(() => expect(heard).toContain("after"));
    expect(heard).toEqual(["before", "after"]);

    await Promise.all(both.map(stopInstance));
    await link.close();
    await redis.stop();
  });
});

describe("RedisCluster when another instance does not answer in time", () => {
  it("says the question went unanswered, rather than that nobody has the room", async () => {
    const redis = await startRedisServer();
    const asking = await startInstance((io) => joinRedisCluster(io, redis.url, silent));
    const silentOne = await startInstance((io) => joinRedisCluster(io, redis.url, silent));
    const both = [asking, silentOne];
    await vi.waitFor(() => expect(both.every((i) => i.cluster.connected)).toBe(true));
    // Its event loop busy elsewhere: it never gets to answer.
    silentOne.cluster.hear("roomSettingsOf", () => {});
    expect(await asking.cluster.askRoomRecords("jam")).toBeNull();
    await Promise.all(both.map(stopInstance));
    await redis.stop();
  });
});
