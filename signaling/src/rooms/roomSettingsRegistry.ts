import { DEFAULT_METRONOME, type ErrorCode, type PeerId, type RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { SharedRoomRecord, SignalingServer } from "../types";

/** The other instances did not all say whether they know a room's settings, in time. */
export class RoomSettingsUnknown extends Error {
  override name = "RoomSettingsUnknown";
  constructor(room: RoomName) {
    super(`The settings of room ${room} could not be read from the other instances.`);
  }
}

/** One room's settings and what the server keeps to enforce them. */
export type RoomRecord = SharedRoomRecord;

/**
 * The members a locked room lets back in: the latest this many let in (each page load is
 * a new member id, so the list would otherwise grow for the room's whole life).
 */
export const ADMITTED_KEPT = 256;

/** A room nobody has been in for this long forgets its settings. */
const FORGET_AFTER_MS = 5 * 60_000;

/**
 * Every room's settings, the same on every instance: a change on one is sent to the
 * others, and an instance that has not heard of a room asks them when a member joins
 * it. Made for the first to arrive, who owns the room; forgotten a while after the last
 * member left this instance.
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
    cluster.hear("roomSettings", (room, record) => this.#keep(room, record));
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
        settings: {
          owner: member,
          locked: false,
          performerLimit: this.#maxRoomMembers,
          muted: [],
          metronome: DEFAULT_METRONOME,
        },
        admitted: [],
        removed: [],
      };
      this.#rooms.set(room, record);
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
  admit(room: RoomName, record: RoomRecord, member: PeerId): void {
    if (record.admitted.includes(member)) return;
    record.admitted.push(member);
    if (record.admitted.length > ADMITTED_KEPT) record.admitted.splice(0, 1);
    this.#share(room, record);
  }

  /** The owner changed something: the room hears the new settings, every instance too. */
  changed(room: RoomName, record: RoomRecord): void {
    this.#io.to(room).emit("roomSettings", record.settings);
    this.#share(room, record);
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

  #share(room: RoomName, record: RoomRecord): void {
    this.#cluster.tell("roomSettings", room, record);
  }

  #keep(room: RoomName, record: RoomRecord): void {
    this.#rooms.set(room, record);
    // Nobody here is in it: forgotten after a while, as if they had all left.
    if (!this.#io.of("/").adapter.rooms.get(room)?.size) this.emptied(room);
  }
}
