import { Server } from "socket.io";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocalCluster } from "../src/cluster/localCluster";
import { ADMITTED_KEPT } from "../src/rooms/roomChanges";
import { RoomSettingsRegistry } from "../src/rooms/roomSettingsRegistry";
import type { SignalingServer } from "../src/types";

describe("the rooms' settings records", () => {
  afterEach(() => vi.useRealTimers());

  it("keep the latest members let in, not one more for every page load ever", async () => {
    // A server not attached to anything: nothing to close.
    const io: SignalingServer = new Server();
    const registry = new RoomSettingsRegistry(io, new LocalCluster(io), 16);
    const record = await registry.forJoin("jam", "owner", false);
    for (let i = 0; i < ADMITTED_KEPT * 3; i++) registry.admit("jam", `page-${i}`);
    expect(record.admitted.length).toBeLessThanOrEqual(ADMITTED_KEPT);
    expect(record.admitted).toContain(`page-${ADMITTED_KEPT * 3 - 1}`);
    registry.close();
  });

  it("forget a record heard from another instance for a room nobody here is in", () => {
    vi.useFakeTimers();
    const io: SignalingServer = new Server();
    const heard: ((room: string, record: unknown) => void)[] = [];
    const cluster = new LocalCluster(io);
    cluster.hear = ((event: string, listener: (room: string, record: unknown) => void) => {
      if (event === "roomMinted") heard.push(listener);
    }) as typeof cluster.hear;
    const registry = new RoomSettingsRegistry(io, cluster, 16);
    const record = {
      settings: { owner: "x" },
      admitted: [],
      removed: [],
      minted: { at: 1, by: "x" },
    };
    for (const listener of heard) listener("elsewhere", record);
    expect(registry.get("elsewhere")).toBeDefined();
    vi.advanceTimersByTime(60 * 60_000);
    expect(registry.get("elsewhere")).toBeUndefined();
    registry.close();
  });
});
