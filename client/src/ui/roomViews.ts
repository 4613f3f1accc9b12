import type { PeerId } from "@nicepiano/protocol";
import { createMemo, createSignal, onCleanup, type Accessor } from "solid-js";
import type { RoomStore, RoomTopic } from "../room/roomStore";

/**
 * `read` of the store as Solid state: read again whenever `topic` changes. The store
 * keeps the only copy; the view only says when to look again.
 */
export function viewOf<T>(store: RoomStore, topic: RoomTopic, read: () => T): Accessor<T> {
  const [changed, setChanged] = createSignal(undefined, { equals: false });
  onCleanup(store.on(topic, () => setChanged()));
  return createMemo(
    () => {
      changed();
      return read();
    },
    undefined,
    { equals: false },
  );
}

/** What a room page shows of its room, each part following its part of the store. */
export function roomViews(store: RoomStore) {
  const members = viewOf(store, "members", () => [...store.members.values()]);
  const latency = viewOf(store, "latency", () => store.latency);
  const peers = viewOf(store, "peers", () => store);
  return {
    self: viewOf(store, "self", () => store.self),
    members,
    settings: viewOf(store, "settings", () => store.settings),
    connection: viewOf(store, "connection", () => store.connection),
    error: viewOf(store, "connection", () => store.error),
    /** The server's round trip to a member (us included). */
    serverLatencyOf: (id: PeerId) => latency()[id],
    /** What is known of our link to a member. */
    peerOf: (id: PeerId) => peers().peer(id),
  };
}

export type RoomViews = ReturnType<typeof roomViews>;
