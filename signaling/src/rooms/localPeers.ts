import type { Member, PeerId, RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { RoomPlaybacks } from "../playback/roomPlaybacks";
import type { AwayMember, ClientSocket, RosterEntry, SignalingServer } from "../types";
import type { MemberDirectory } from "./memberDirectory";

/**
 * The members on this instance, by member id (ids outlive sockets: a reconnecting client
 * keeps its id). Also the members of instances that shut down: each gets a grace period
 * to rejoin anywhere, after which the room hears that they left.
 */
export class LocalPeers {
  readonly #sockets = new Map<PeerId, ClientSocket>();
  /** Members away for a moment: the room they were in, and when it hears they left. */
  readonly #suspended = new Map<PeerId, AwayMember & { timer: NodeJS.Timeout }>();
  readonly #io: SignalingServer;
  readonly #cluster: Cluster;
  readonly #playbacks: RoomPlaybacks;
  readonly #graceMs: number;
  readonly #directory: MemberDirectory;

  constructor(
    io: SignalingServer,
    cluster: Cluster,
    playbacks: RoomPlaybacks,
    /** How long the members of a stopped instance have to come back. */
    graceMs: number,
    directory: MemberDirectory,
  ) {
    this.#io = io;
    this.#cluster = cluster;
    this.#playbacks = playbacks;
    this.#graceMs = graceMs;
    this.#directory = directory;
    cluster.hear("peerClaimed", (id, room) => this.#release(id, room));
    cluster.hear("peersSuspended", (members) => {
      for (const away of members) this.#suspend(away);
    });
  }

  get(id: PeerId): ClientSocket | undefined {
    return this.#sockets.get(id);
  }

  /** Whether member `id` is away for a moment: given the grace period to come back. */
  isAway(id: PeerId): boolean {
    return this.#suspended.has(id);
  }

  /**
   * How `room` knows member `id`, and since when it has been away, if the member is
   * coming back to it: away from it, or held by a socket here in it (a new connection
   * taking over before the old one was seen to drop). Undefined for a newcomer, one back
   * from another room, or one whose record was not told.
   */
  returning(id: PeerId, room: RoomName): { member: Member; since: number } | undefined {
    const away = this.#suspended.get(id);
    if (away) {
      const { member, since } = away;
      return away.room === room && member && since !== undefined ? { member, since } : undefined;
    }
    const { room: current, member } = this.#sockets.get(id)?.data ?? {};
    return current === room && member ? { member, since: Date.now() } : undefined;
  }

  /**
   * `socket` is member `id` now, in `room`: an older socket with that id, here or
   * elsewhere, goes; had it been away from another room, that room hears it left.
   */
  claim(id: PeerId, room: RoomName, socket: ClientSocket): void {
    this.#release(id, room, socket);
    this.#sockets.set(id, socket);
    this.#cluster.tell("peerClaimed", id, room);
    this.updated(socket);
  }

  /** `socket`'s member changed (joined, renamed): the other instances hear of it. */
  updated(socket: ClientSocket): void {
    const { room, member } = socket.data;
    if (room && member) this.#directory.announce({ room, member });
  }

  /** Forgets `socket` as member `id`, unless a newer socket holds the id already. */
  forget(id: PeerId, socket: ClientSocket): void {
    if (this.#sockets.get(id) !== socket) return;
    this.#sockets.delete(id);
    this.#directory.withdraw(id);
  }

  /** Every member here, and its room. */
  roster(): RosterEntry[] {
    return [...this.#sockets.values()].flatMap(({ data: { room, member } }) =>
      room && member ? [{ room, member }] : [],
    );
  }

  /**
   * This instance is stopping: its members leave quietly and the other instances give
   * them a grace period to come back. Returns how many there were.
   */
  suspendAll(): number {
    const members: AwayMember[] = [];
    const since = Date.now();
    for (const [id, socket] of this.#sockets) {
      socket.data.quiet = true;
      const { room, member } = socket.data;
      if (room) members.push({ room, id, ...(member ? { member } : {}), since });
    }
    if (members.length > 0) this.#cluster.tell("peersSuspended", members);
    return members.length;
  }

  /**
   * `socket` lost its connection (it did not leave): it leaves its room quietly, and its
   * member has a grace period to rejoin, here or on another instance, before the room
   * hears that it left. Its peers keep their channels to it meanwhile.
   */
  suspend(socket: ClientSocket): void {
    const { room, member } = socket.data;
    if (!room || !member) return;
    socket.data.quiet = true;
    const away: AwayMember = { room, id: member.id, member, since: Date.now() };
    this.#suspend(away);
    this.#cluster.tell("peersSuspended", [away]);
  }

  close(): void {
    for (const { timer } of this.#suspended.values()) clearTimeout(timer);
    this.#suspended.clear();
  }

  /**
   * Member `id` is back, in `room`: the socket holding it here (other than `keep`) goes
   * without a goodbye, and a wait for it to come back to another room ends: that room
   * hears it left now.
   */
  #release(id: PeerId, room: RoomName, keep?: ClientSocket): void {
    const away = this.#suspended.get(id);
    if (away) {
      clearTimeout(away.timer);
      this.#suspended.delete(id);
      if (away.room !== room) this.#gone(away.room, id);
    }
    const old = this.#sockets.get(id);
    if (!old || old === keep) return;
    this.#sockets.delete(id);
    old.data.quiet = true;
    old.disconnect(true);
  }

  #suspend(away: AwayMember): void {
    const { room, id } = away;
    clearTimeout(this.#suspended.get(id)?.timer);
    const timer = setTimeout(() => {
      this.#suspended.delete(id);
      this.#gone(room, id);
    }, this.#graceMs);
    timer.unref();
    this.#suspended.set(id, { ...away, timer });
  }

  /** Member `id` left `room` for good. */
  #gone(room: RoomName, id: PeerId): void {
    // Every instance tells its own sockets, so each client hears it once.
    this.#io.local.to(room).emit("memberLeft", id);
    this.#playbacks.stopAllBy(room, id);
  }
}
