import type { ListedRooms } from "@nicepiano/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import { watchRoomList, type RoomListWatcher } from "./support/roomListWatcher";
import { join, startTestServer, type TestServer } from "./support/testServer";

const FAST = { listedRoomsRoundMs: 100 };
const find = (rooms: ListedRooms, room: string) => rooms.find((r) => r.room === room);
const named = (room: string) => (rooms: ListedRooms) => find(rooms, room) !== undefined;
const without = (room: string) => (rooms: ListedRooms) => find(rooms, room) === undefined;

describe("the list of public rooms", () => {
  const watchers: RoomListWatcher[] = [];
  afterEach(() => {
    for (const watcher of watchers.splice(0)) watcher.close();
  });

  describe("on one server", () => {
    let t: TestServer;
    afterEach(() => t.close());

    it("lists a room only once its owner lists it, with its players, listeners and notice", async () => {
      t = await startTestServer(FAST);
      const watcher = await watchRoomList(t.url);
      watchers.push(watcher);
      expect(await watcher.until(() => true)).toEqual([]);
      const ada = await t.connect();
      await join(ada, "open-jam", "Ada");
      const bob = await t.connect();
      await join(bob, "open-jam", "Bob");
      const cy = await t.connect();
      await cy.emitWithAck("join", { room: "open-jam", name: "Cy", listen: true });
      const hidden = await t.connect();
      await join(hidden, "private-jam", "Eve");

      // Bob is not the owner: nothing changes.
      expect(await bob.emitWithAck("control", { type: "listed", listed: true })).toMatchObject({
        ok: false,
        error: { code: "not-owner" },
      });
      await ada.emitWithAck("control", { type: "notice", text: "All welcome" });
      await ada.emitWithAck("control", { type: "listed", listed: true });
      const listed = await watcher.until((rooms) => rooms.length > 0);
      expect(listed).toEqual([
        { room: "open-jam", players: 2, listeners: 1, notice: "All welcome" },
      ]);

      await ada.emitWithAck("control", { type: "listed", listed: false });
      await watcher.until(without("open-jam"));
      expect(watcher.lists.flat().some((room) => room.room === "private-jam")).toBe(false);
    });

    it("drops a listed room when it empties", async () => {
      t = await startTestServer(FAST);
      const ada = await t.connect();
      await join(ada, "brief", "Ada");
      await ada.emitWithAck("control", { type: "listed", listed: true });
      const watcher = await watchRoomList(t.url);
      watchers.push(watcher);
      await watcher.until(named("brief"));
      ada.disconnect();
      await watcher.until(without("brief"));
    });
  });

  describe("across two instances joined by Redis", () => {
    let redis: RedisServer;
    let instances: TestServer[];
    beforeAll(async () => {
      redis = await startRedisServer();
      instances = await startTestCluster(2, redis.url, FAST);
    });
    afterAll(async () => {
      await Promise.all(instances.map((instance) => instance.close()));
      await redis.stop();
    });

    it("counts the members on both, on either's list, and drops the room when it goes private", async () => {
      const ada = await instances[0]!.connect();
      await join(ada, "wide", "Ada");
      const bob = await instances[1]!.connect();
      await join(bob, "wide", "Bob");
      await ada.emitWithAck("control", { type: "listed", listed: true });
      for (const instance of instances) {
        const watcher = await watchRoomList(instance.url);
        watchers.push(watcher);
        const rooms = await watcher.until((list) => find(list, "wide")?.players === 2);
        expect(find(rooms, "wide")).toMatchObject({ players: 2, listeners: 0 });
      }
      await ada.emitWithAck("control", { type: "listed", listed: false });
      for (const watcher of watchers) await watcher.until(without("wide"));
    });
  });
});
