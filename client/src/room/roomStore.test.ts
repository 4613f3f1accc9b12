import { describe, expect, it } from "vitest";
import { member } from "../testing/fakeRoomSocket";
import { RoomStore, type RoomTopic } from "./roomStore";

const ada = member("ada", 1, "Ada");
const bob = member("bob", 2, "Bob");

/** Each topic the store says changed, in order. */
function changes(store: RoomStore): RoomTopic[] {
  const heard: RoomTopic[] = [];
  const topics: RoomTopic[] = ["self", "members", "settings", "latency", "peers", "connection"];
  for (const topic of topics) store.on(topic, () => heard.push(topic));
  return heard;
}

describe("RoomStore", () => {
  it("adds and updates a member, saying when they are new", () => {
    const store = new RoomStore();
    const heard = changes(store);
    expect(store.putMember(ada)).toBe(true);
    expect(store.putMember({ ...ada, name: "Ada L." })).toBe(false);
    expect([...store.members.values()].map((m) => m.name)).toEqual(["Ada L."]);
    expect(heard).toEqual(["members", "members"]);
  });

  it("forgets a member's latency and link when they leave", () => {
    const store = new RoomStore();
    store.putMember(ada);
    store.putMember(bob);
    store.mergeLatency({ ada: 12, bob: 30 });
    store.updatePeer("ada", { state: "open" });
    store.updatePeer("ada", { rttMs: 4 });
    expect(store.peer("ada")).toEqual({ state: "open", rttMs: 4 });

    expect(store.removeMember("ada")).toBe(true);
    expect(store.removeMember("ada")).toBe(false);
    expect(store.latency).toEqual({ bob: 30 });
    expect(store.peer("ada")).toBeUndefined();
    expect([...store.members.keys()]).toEqual(["bob"]);

    store.clearMembers();
    expect(store.members.size).toBe(0);
    expect(store.latency).toEqual({});
  });

  it("stops telling a listener that stopped", () => {
    const store = new RoomStore();
    let told = 0;
    const stop = store.on("connection", () => told++);
    store.setConnection("joined");
    stop();
    store.setError("Sent away.");
    expect(told).toBe(1);
    expect(store.connection).toBe("joined");
    expect(store.error).toBe("Sent away.");
  });
});
