import {
  ackError,
  ackOk,
  ownerOf,
  parseWith,
  roomControlSchema,
  type AckError,
  type RoomSettings,
} from "@nicepiano/protocol";
import { guarded, replyTo } from "../ack";
import type { ClientSocket } from "../types";
import { leaveRoom, type RoomHandlerDeps } from "./roomHandlers";
import { membersOf } from "./roomMembers";
import { changeFor } from "./roomChanges";

const REMOVED: AckError = {
  code: "removed",
  message: "The room's owner removed you from the room.",
};

/**
 * `control`: the room's owner (and only the owner, checked here against the live member
 * list) locks the room, sets its performer limit, mutes or removes a player, hands the
 * room over, or sets the metronome. Every member hears the new settings.
 */
export function registerRoomControls(socket: ClientSocket, deps: RoomHandlerDeps): void {
  const { cluster, peers, directory, settings, config, logger } = deps;
  socket.on(
    "control",
    guarded(logger, "control", async (raw: unknown, ack: unknown) => {
      const reply = replyTo<RoomSettings>(ack);
      const parsed = parseWith(roomControlSchema, raw);
      if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
      const { room, member } = socket.data;
      if (!room || !member || !settings.get(room)) return reply(ackError("not-in-room"));
      const members = await membersOf(cluster, room, directory);
      // Read after the wait: the record may have changed meanwhile, here or elsewhere.
      const record = socket.data.room === room ? settings.get(room) : undefined;
      if (!record) return reply(ackError("not-in-room"));
      if (ownerOf(members, record.settings.owner) !== member.id) {
        return reply(ackError("not-owner"));
      }
      const control = parsed.value;
      if ("peer" in control && !members.some((other) => other.id === control.peer)) {
        return reply(ackError("unknown-peer"));
      }
      if (control.type === "panic") {
        deps.io.to(room).emit("panic", member.id);
        logger.info({ peer: member.id, room }, "room panic");
        return reply(ackOk(record.settings));
      }
      if (control.type === "promote") {
        const target = members.find((other) => other.id === control.peer)!;
        if (!target.listener) return reply(ackError("invalid-payload", "They play already."));
        // One click: the owner's limit goes up by one for them, up to the server's.
        const players = members.filter((other) => !other.listener).length;
        if (players >= config.maxRoomMembers) {
          const most = config.maxRoomMembers;
          return reply(ackError("room-full", `This room has as many players as it can (${most}).`));
        }
        if (players >= record.settings.performerLimit) {
          settings.change(room, { type: "performerLimit", limit: players + 1 });
        }
        settings.change(room, { type: "hand", peer: target.id, raised: false });
        const socketOf = peers.get(target.id);
        if (socketOf?.data.room === room) socketOf.emit("promoted");
        else cluster.tell("promoteMember", room, target.id);
        logger.info({ peer: member.id, room, promoted: target.id }, "room control");
        return reply(ackOk(record.settings));
      }
      const change = changeFor(record, control, member.id, config.maxRoomMembers);
      if (typeof change === "string") return reply(ackError("invalid-payload", change));
      settings.change(room, change);
      if (control.type === "remove") {
        const target = peers.get(control.peer);
        if (target?.data.room === room) {
          target.emit("kicked", REMOVED);
          leaveRoom(target, deps);
        } else {
          cluster.tell("removeMember", room, control.peer);
        }
      }
      logger.info({ peer: member.id, room, control: control.type }, "room control");
      reply(ackOk(record.settings));
    }),
  );
}

/** Listeners made players by an owner on another instance: told so here. */
export function receivePromotions(deps: RoomHandlerDeps): void {
  deps.cluster.hear("promoteMember", (room, id) => {
    const target = deps.peers.get(id);
    if (target?.data.room === room) target.emit("promoted");
  });
}

/**
 * `hand`: a listener raises their hand to play, or lowers it; the owner sees the hands
 * in the room's settings. A player has no hand to raise.
 */
export function registerRaiseHand(socket: ClientSocket, { settings }: RoomHandlerDeps): void {
  socket.on("hand", (raised: unknown, ack: unknown) => {
    const reply = replyTo<RoomSettings>(ack);
    if (typeof raised !== "boolean") {
      return reply(ackError("invalid-payload", "A hand is raised (true) or not (false)."));
    }
    const { room, member } = socket.data;
    if (!room || !member || !settings.get(room)) return reply(ackError("not-in-room"));
    if (!member.listener) {
      return reply(ackError("invalid-payload", "You play already: there is no hand to raise."));
    }
    const record = settings.change(room, { type: "hand", peer: member.id, raised });
    reply(ackOk(record!.settings));
  });
}

/** Members removed by an owner on another instance: sent away from here. */
export function receiveRemovals(deps: RoomHandlerDeps): void {
  deps.cluster.hear("removeMember", (room, id) => {
    const target = deps.peers.get(id);
    if (target?.data.room !== room) return;
    target.emit("kicked", REMOVED);
    leaveRoom(target, deps);
  });
}
