import { freshRoomSettings, type ErrorCode, type PeerId, type RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { SharedRoomRecord, SignalingServer } from "../types";
import { applyChange, type RoomChange } from "./roomChanges";

/** The other instances did not all say whether they know a room's settings, in time. */
export class RoomSettingsUnknown extends Error {
  override name = "RoomSettingsUnknown";
  constructor(room: RoomName) {
    super(`The settings of room ${room} could not be read from the other instances.`);
  }
}

/** One room's settings and what the server keeps to enforce them. */
export type RoomRecord = SharedRoomRecord;

/** A room nobody has been in for this long forgets its settings. */
const FORGET_AFTER_MS = 5 * 60_000;

/**
 * Every room's settings, the same on every instance: each change made on one is sent to
 * the others, which apply it to the record they hold, and an instance that has not heard
 * of a room asks them when a member joins it. Made for the first to arrive, who owns the
 * room; forgotten a while after the last member left this instance.
 */
export class RoomSettingsRegistry {
  readonly #rooms = new Map<RoomName, RoomRecord>();
  readonly #forget = new Map<RoomName, NodeJS.Timeout>();
  readonly #io: SignalingServer;
  readonly #cluster: Cluster;
  readonly #maxRoomMembers: number;

  constructor(io: SignalingServer, cluster: Cluster, maxRoomMembers: number) {
    this.#io = io;
    this.#cluster = cluster;
    this.#maxRoomMembers = maxRoomMembers;
    cluster.hear("roomMinted", (room, record) => this.#minted(room, record));
    cluster.hear("roomChanged", (room, change) => {
      const record = this.#rooms.get(room);
      if (record) applyChange(record, change);
    });
    cluster.hear("roomSettingsOf", (room, answer) => answer(this.#rooms.get(room) ?? null));
  }

  get(room: RoomName): RoomRecord | undefined {
    return this.#rooms.get(room);
  }

  /**
   * The room's record for `member` joining it: this instance's, another's, or a new one
   * owned by `member` when the room is new, or empty and `member` was not in it before
   * (an empty room is nobody's: its lock and owner do not outlive its players).
   */
  async forJoin(room: RoomName, member: PeerId, othersPresent: boolean): Promise<RoomRecord> {
    clearTimeout(this.#forget.get(room));
    this.#forget.delete(room);
    let record = this.#rooms.get(room);
    if (record && !othersPresent && !record.admitted.includes(member)) record = undefined;
    if (!record && othersPresent) {
      const answers = await this.#cluster.askRoomRecords(room);
      // Some instance was too slow to say: a fresh record would drop the room's lock,
      // removals and owner. The join is refused, to be tried again.
      if (answers === null) throw new RoomSettingsUnknown(room);
      record = answers.find((answer) => answer !== null) ?? undefined;
      if (record) this.#rooms.set(room, record);
    }
    if (!record) {
      record = {
        settings: freshRoomSettings(member, this.#maxRoomMembers),
        admitted: [],
        chat: [],
        removed: [],
        minted: { at: Date.now(), by: member },
      };
      this.#rooms.set(room, record);
      this.#cluster.tell("roomMinted", room, record);
    }
    return record;
  }

  /** Why `member` may not join `record`'s room now, or null. */
  refusal(record: RoomRecord, member: PeerId): ErrorCode | null {
    if (record.removed.includes(member)) return "removed";
    if (record.settings.locked && !record.admitted.includes(member)) return "room-locked";
    return null;
  }

  /** `member` is in: remembered for when the room is locked. */
  admit(room: RoomName, member: PeerId): void {
    this.change(room, { type: "admit", peer: member });
  }

  /**
   * Applies `change` to the record held now (not one read before an `await`) and sends it
   * to every instance; the room hears its new settings. The record, or undefined when
   * this instance holds none for `room`.
   */
  change(room: RoomName, change: RoomChange): RoomRecord | undefined {
    const record = this.#rooms.get(room);
    if (!record) return undefined;
    applyChange(record, change);
    this.#cluster.tell("roomChanged", room, change);
    // What only the server keeps (who was let in, the chat's history) is not news.
    if (change.type !== "admit" && change.type !== "said") {
      this.#io.to(room).emit("roomSettings", record.settings);
    }
    return record;
  }

  isMuted(room: RoomName, member: PeerId): boolean {
    return this.#rooms.get(room)?.settings.muted.includes(member) ?? false;
  }

  /** The last member here left `room`: its settings go after a while, unless one comes. */
  emptied(room: RoomName): void {
    clearTimeout(this.#forget.get(room));
    const timer = setTimeout(() => {
      this.#forget.delete(room);
      this.#rooms.delete(room);
    }, FORGET_AFTER_MS);
    timer.unref();
    this.#forget.set(room, timer);
  }

  close(): void {
    for (const timer of this.#forget.values()) clearTimeout(timer);
    this.#forget.clear();
  }

  /**
   * Another instance made a record for `room`. Kept when this one holds none, or only an
   * old one for players gone from here. When players of the room are here too, both made
   * one at once: every instance keeps the earlier (the same everywhere), and the local
   * players are let in again and told the settings they are now under.
   */
  #minted(room: RoomName, record: RoomRecord): void {
    const held = this.#rooms.get(room);
    const here = [...(this.#io.of("/").adapter.rooms.get(room) ?? [])];
    if (held && here.length > 0 && !mintedBefore(record, held)) return;
    this.#rooms.set(room, record);
    if (here.length === 0) return this.emptied(room);
    for (const id of here) {
      const member = this.#io.of("/").sockets.get(id)?.data.member;
      if (member) this.admit(room, member.id);
    }
    this.#io.local.to(room).emit("roomSettings", record.settings);
  }
}

/** Whether `a` was made before `b` (by the earlier member id, when at the same time). */
function mintedBefore(a: RoomRecord, b: RoomRecord): boolean {
  if (a.minted.at !== b.minted.at) return a.minted.at < b.minted.at;
  return a.minted.by < b.minted.by;
}
