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

/** Members removed by an owner on another instance: sent away from here. */
export function receiveRemovals(deps: RoomHandlerDeps): void {
  deps.cluster.hear("removeMember", (room, id) => {
    const target = deps.peers.get(id);
    if (target?.data.room !== room) return;
    target.emit("kicked", REMOVED);
    leaveRoom(target, deps);
  });
}
