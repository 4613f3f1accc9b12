import {
  ackError,
  ackOk,
  ownerOf,
  parseWith,
  roomControlSchema,
  type AckError,
  type RoomControl,
  type RoomSettings,
} from "@nicepiano/protocol";
import { guarded, replyTo } from "../ack";
import type { ClientSocket } from "../types";
import { leaveRoom, type RoomHandlerDeps } from "./roomHandlers";
import { membersOf } from "./roomMembers";
import type { RoomRecord } from "./roomSettingsRegistry";

/** The metronome starts this long after it is switched on, so every page hears beat 1. */
const METRONOME_LEAD_MS = 1000;

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
  const { cluster, peers, settings, config, logger } = deps;
  socket.on(
    "control",
    guarded(logger, "control", async (raw: unknown, ack: unknown) => {
      const reply = replyTo<RoomSettings>(ack);
      const parsed = parseWith(roomControlSchema, raw);
      if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
      const { room, member } = socket.data;
      const record = room ? settings.get(room) : undefined;
      if (!room || !member || !record) return reply(ackError("not-in-room"));
      const members = await membersOf(cluster, room);
      if (ownerOf(members, record.settings.owner) !== member.id) {
        return reply(ackError("not-owner"));
      }
      const control = parsed.value;
      if ("peer" in control && !members.some((other) => other.id === control.peer)) {
        return reply(ackError("unknown-peer"));
      }
      const refused = apply(record, control, member.id, config.maxRoomMembers);
      if (refused) return reply(ackError("invalid-payload", refused));
      if (control.type === "remove") {
        const target = peers.get(control.peer);
        if (target?.data.room === room) {
          target.emit("kicked", REMOVED);
          leaveRoom(target, deps);
        } else {
          cluster.tell("removeMember", room, control.peer);
        }
      }
      settings.changed(room, record);
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

/** Changes `record` as `control` says; a sentence when it cannot be done. */
function apply(
  record: RoomRecord,
  control: RoomControl,
  owner: string,
  maxRoomMembers: number,
): string | null {
  const { settings } = record;
  switch (control.type) {
    case "lock":
      settings.locked = control.locked;
      return null;
    case "performerLimit":
      settings.performerLimit = Math.min(control.limit, maxRoomMembers);
      return null;
    case "mute":
      settings.muted = settings.muted.filter((peer) => peer !== control.peer);
      if (control.muted) settings.muted.push(control.peer);
      return null;
    case "remove":
      if (control.peer === owner) return "The owner cannot remove themselves: leave instead.";
      record.removed.push(control.peer);
      record.admitted = record.admitted.filter((peer) => peer !== control.peer);
      settings.muted = settings.muted.filter((peer) => peer !== control.peer);
      return null;
    case "transfer":
      settings.owner = control.peer;
      return null;
    case "metronome": {
      const { bpm, beatsPerBar, running } = control;
      const was = settings.metronome;
      // Running on at the same tempo keeps its beats; anything else starts them afresh.
      const keep = running && was.startAt !== null && was.bpm === bpm;
      const startAt = running ? (keep ? was.startAt : Date.now() + METRONOME_LEAD_MS) : null;
      settings.metronome = { bpm, beatsPerBar, startAt };
      return null;
    }
  }
}
