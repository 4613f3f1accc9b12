import { listenersOf, MAX_FRAME_BYTES } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { ServerMetrics } from "../metrics/serverMetrics";
import type { LocalPeers } from "../rooms/localPeers";
import type { MemberDirectory } from "../rooms/memberDirectory";
import type { RoomSettingsRegistry } from "../rooms/roomSettingsRegistry";
import type { ClientSocket, SignalingServer } from "../types";

/** A frame as Socket.IO hands it over: a Buffer in Node. Anything else is refused. */
function asFrame(raw: unknown): Uint8Array | undefined {
  if (!(raw instanceof Uint8Array) || raw.length === 0 || raw.length > MAX_FRAME_BYTES) {
    return undefined;
  }
  return raw;
}

export interface NoteRelayDeps {
  peers: LocalPeers;
  directory: MemberDirectory;
  cluster: Cluster;
  metrics: Pick<ServerMetrics, "relayedFrames" | "droppedEvents">;
  settings: Pick<RoomSettingsRegistry, "isMuted">;
}

/**
 * The fallback path: peer frames for a member whose data channel is not open, passed on
 * by the server, only within a room. The server does not read them (they are numbered
 * peer messages). Like signals, a peer on this instance is reached at once and one on
 * another through Redis, checked there; a frame for a member nowhere is dropped here.
 */
export function registerNoteRelay(
  socket: ClientSocket,
  { peers, directory, cluster, metrics, settings }: NoteRelayDeps,
): void {
  socket.on("relay", (to: unknown, raw: unknown) => {
    const frame = asFrame(raw);
    // It wants no answer: a malformed one is dropped, and counted.
    if (typeof to !== "string" || !frame) return void metrics.droppedEvents.inc({ event: "relay" });
    const { room, member } = socket.data;
    if (!room || !member || to === member.id || member.listener) return;
    // Muted for everyone by the room's owner: the server passes none of their notes on.
    if (settings.isMuted(room, member.id)) return;
    const local = peers.get(to);
    if (local) {
      if (local.data.room !== room || local.data.member?.listener) return;
      local.emit("relayed", member.id, frame);
      metrics.relayedFrames.inc({ path: "local" });
    } else if (directory.playerElsewhere(room, to) !== false) {
      const base64 = Buffer.from(frame).toString("base64");
      const told = cluster.tell("relay", { room, from: member.id, to, frame: base64 });
      if (told) metrics.relayedFrames.inc({ path: "cluster" });
    }
  });
}

/** Delivers frames that other instances relay to this one's sockets, after the room check. */
export function receiveRelayedFrames(cluster: Cluster, peers: LocalPeers): void {
  cluster.hear("relay", ({ room, from, to, frame }) => {
    const target = peers.get(to);
    const bytes = typeof frame === "string" ? asFrame(Buffer.from(frame, "base64")) : undefined;
    if (bytes && target?.data.room === room && !target.data.member?.listener) {
      target.emit("relayed", from, bytes);
    }
  });
}

export interface ListenerFeedDeps {
  io: SignalingServer;
  directory: MemberDirectory;
  metrics: Pick<ServerMetrics, "relayedFrames" | "droppedEvents">;
  settings: Pick<RoomSettingsRegistry, "isMuted">;
}

/**
 * A player's frames for the room's listeners, who have no data channels: the server
 * sends each to every listener of the room, on any instance (through the adapter); to
 * this instance's only when the directory knows of none elsewhere, and to nobody when
 * the room has no listener at all.
 */
export function registerListenerFeed(
  socket: ClientSocket,
  { io, directory, metrics, settings }: ListenerFeedDeps,
): void {
  socket.on("toListeners", (raw: unknown) => {
    const frame = asFrame(raw);
    if (!frame) return void metrics.droppedEvents.inc({ event: "toListeners" });
    const { room, member } = socket.data;
    if (!room || !member || member.listener || settings.isMuted(room, member.id)) return;
    const listeners = listenersOf(room);
    const elsewhere = directory.listenersElsewhere(room) !== false;
    if (!elsewhere && !io.of("/").adapter.rooms.get(listeners)?.size) return;
    (elsewhere ? io : io.local).to(listeners).emit("relayed", member.id, frame);
    metrics.relayedFrames.inc({ path: "listeners" });
  });
}
