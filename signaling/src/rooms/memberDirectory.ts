import type { Member, PeerId, RoomName } from "@nicepiano/protocol";
import { randomUUID } from "node:crypto";
import type { Cluster } from "../cluster/cluster";
import type { Logger } from "../logger";
import type { RosterEntry } from "../types";

/** Every instance's whole list is read again this often: a crashed one's members go. */
const RESYNC_MS = 30_000;
/** How often the link to the others is looked at, to read the lists again after a cut. */
const CHECK_MS = 1_000;

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
  #elsewhere = new Map<PeerId, RosterEntry & { instance: string }>();
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
    const entry = this.#elsewhere.get(id);
    return entry?.room === room && !entry.member.listener;
  }

  /** Whether `room` has listeners on another instance; undefined when that is not known. */
  listenersElsewhere(room: RoomName): boolean | undefined {
    if (!this.#isKnown()) return undefined;
    for (const entry of this.#elsewhere.values()) {
      if (entry.room === room && entry.member.listener) return true;
    }
    return false;
  }

  /**
   * The members of `room` on every instance, as the directory knows them (when an
   * instance is too slow to say); undefined when that is not known.
   */
  membersOf(room: RoomName): Member[] | undefined {
    if (!this.#isKnown()) return undefined;
    const entries = [...this.#localRoster(), ...this.#elsewhere.values()];
    return entries.filter((entry) => entry.room === room).map((entry) => entry.member);
  }

  #isKnown(): boolean {
    return this.#known && this.#cluster.connected && this.#cluster.cuts === this.#cutsAtRead;
  }

  #heard(heard: Heard): void {
    this.#heardWhileReading?.push(heard);
    this.#apply(this.#elsewhere, heard);
  }

  #apply(directory: Map<PeerId, RosterEntry & { instance: string }>, heard: Heard): void {
    if (heard.type === "here") {
      directory.set(heard.entry.member.id, { ...heard.entry, instance: heard.instance });
    } else if (directory.get(heard.id)?.instance === heard.instance) directory.delete(heard.id);
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
    const directory = new Map<PeerId, RosterEntry & { instance: string }>();
    for (const { instance, members } of rosters) {
      if (instance === this.instance) continue;
      for (const entry of members) directory.set(entry.member.id, { ...entry, instance });
    }
    for (const event of heard) this.#apply(directory, event);
    this.#elsewhere = directory;
    this.#cutsAtRead = cuts;
    // Cut off while asking: the answers may be short of an instance.
    this.#known = this.#cluster.connected;
  }
}
