import type { Member, PeerId, RoomName } from "@nicepiano/protocol";
import { randomUUID } from "node:crypto";
import type { Cluster } from "../cluster/cluster";
import type { Logger } from "../logger";
import type { RosterEntry } from "../types";

/** Every instance's whole list is read again this often: a crashed one's members go. */
const RESYNC_MS = 30_000;
/**
 * How often the link to the others is looked at, to read the lists once it is up (on start,
 * after a cut). A look costs nothing; the lists are read only when the link is up and they
 * are not known.
 */
const CHECK_MS = 200;

type Located = RosterEntry & { instance: string };

/** The other instances' members: each by id, and the ids in each room. */
class Whereabouts {
  readonly byId = new Map<PeerId, Located>();
  readonly #byRoom = new Map<RoomName, Set<PeerId>>();

  put(entry: Located): void {
    this.drop(entry.member.id);
    this.byId.set(entry.member.id, entry);
    const ids = this.#byRoom.get(entry.room) ?? new Set<PeerId>();
    this.#byRoom.set(entry.room, ids.add(entry.member.id));
  }

  drop(id: PeerId): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    const ids = this.#byRoom.get(entry.room);
    ids?.delete(id);
    if (ids?.size === 0) this.#byRoom.delete(entry.room);
  }

  inRoom(room: RoomName): Located[] {
    return [...(this.#byRoom.get(room) ?? [])].flatMap((id) => this.byId.get(id) ?? []);
  }

  apply(heard: Heard): void {
    if (heard.type === "here") this.put({ ...heard.entry, instance: heard.instance });
    else if (this.byId.get(heard.id)?.instance === heard.instance) this.drop(heard.id);
  }
}

type Heard =
  | { type: "here"; instance: string; entry: RosterEntry }
  | { type: "gone"; instance: string; id: PeerId };

/**
 * Which members the other instances hold, and in which room, so that a signal or a
 * frame for a member nowhere is refused here rather than sent to every instance, and a
 * room without listeners sends them nothing. Each instance tells the others when a member
 * comes or goes, and reads their whole lists on start, after Redis was away (what was
 * said meanwhile is lost) and every 30 s (a crashed instance says nothing). Until it has
 * read them, it does not know: the callers then send as before, to every instance.
 */
export class MemberDirectory {
  /** This instance, as the others know it. */
  readonly instance = randomUUID();
  readonly #cluster: Cluster;
  readonly #localRoster: () => RosterEntry[];
  readonly #logger: Logger;
  /** The other instances' members: where each is, and on which instance. */
  #elsewhere = new Whereabouts();
  /** What was heard while the lists were being read: applied over them, in order. */
  #heardWhileReading: Heard[] | undefined;
  #known = false;
  /** The cluster's `cuts` when the lists were last read: a cut since loses what was told. */
  #cutsAtRead = -1;
  #timers: NodeJS.Timeout[] = [];

  constructor(cluster: Cluster, localRoster: () => RosterEntry[], logger: Logger) {
    this.#cluster = cluster;
    this.#localRoster = localRoster;
    this.#logger = logger;
    cluster.hear("memberHere", (instance, entry) => this.#heard({ type: "here", instance, entry }));
    cluster.hear("memberGone", (instance, id) => this.#heard({ type: "gone", instance, id }));
    cluster.hear("rosterOf", (answer) =>
      answer({ instance: this.instance, members: localRoster() }),
    );
  }

  /** Reads the other instances' lists now, again every 30 s, and after every cut. */
  start(): void {
    if (this.#timers.length > 0) return;
    if (this.#cluster.kind === "standalone") {
      this.#known = true;
      this.#cutsAtRead = this.#cluster.cuts;
      return;
    }
    void this.#read();
    const check = setInterval(() => {
      if (this.#cluster.connected && !this.#isKnown()) void this.#read();
    }, CHECK_MS);
    const resync = setInterval(() => void this.#read(), RESYNC_MS);
    for (const timer of [check, resync]) timer.unref();
    this.#timers = [check, resync];
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
  }

  /** A member of this instance joined a room, or was renamed: the others hear of it. */
  announce(entry: RosterEntry): void {
    this.#cluster.tell("memberHere", this.instance, entry);
  }

  /** A member of this instance left: the others hear of it. */
  withdraw(id: PeerId): void {
    this.#cluster.tell("memberGone", this.instance, id);
  }

  /**
   * Whether `id` is a player (not a listener) of `room` on another instance; undefined
   * when that is not known now (the lists not read yet, or Redis away).
   */
  playerElsewhere(room: RoomName, id: PeerId): boolean | undefined {
    if (!this.#isKnown()) return undefined;
    const entry = this.#elsewhere.byId.get(id);
    return entry?.room === room && !entry.member.listener;
  }

  /** Whether `room` has listeners on another instance; undefined when that is not known. */
  listenersElsewhere(room: RoomName): boolean | undefined {
    if (!this.#isKnown()) return undefined;
    return this.#elsewhere.inRoom(room).some((entry) => entry.member.listener);
  }

  /**
   * The members of `room` on every instance, as the directory knows them (when an
   * instance is too slow to say); undefined when that is not known.
   */
  membersOf(room: RoomName): Member[] | undefined {
    if (!this.#isKnown()) return undefined;
    const here = this.#localRoster().filter((entry) => entry.room === room);
    return [...here, ...this.#elsewhere.inRoom(room)].map((entry) => entry.member);
  }

  #isKnown(): boolean {
    return this.#known && this.#cluster.connected && this.#cluster.cuts === this.#cutsAtRead;
  }

  #heard(heard: Heard): void {
    this.#heardWhileReading?.push(heard);
    this.#elsewhere.apply(heard);
  }

  async #read(): Promise<void> {
    // Not yet connected (or cut off): nothing to read, and nothing known.
    if (this.#heardWhileReading || !this.#cluster.connected) return;
    this.#heardWhileReading = [];
    const cuts = this.#cluster.cuts;
    const rosters = await this.#cluster.askRosters().catch(() => null);
    const heard = this.#heardWhileReading;
    this.#heardWhileReading = undefined;
    // Some instance too slow to answer: what is known stays so, kept up to date by what
    // is heard, unless the link was cut meanwhile.
    if (rosters === null) {
      return this.#logger.debug("the other instances' members could not all be read");
    }
    const directory = new Whereabouts();
    for (const { instance, members } of rosters) {
      if (instance === this.instance) continue;
      for (const entry of members) directory.put({ ...entry, instance });
    }
    for (const event of heard) directory.apply(event);
    this.#elsewhere = directory;
    this.#cutsAtRead = cuts;
    // Cut off while asking: the answers may be short of an instance.
    this.#known = this.#cluster.connected;
  }
}
