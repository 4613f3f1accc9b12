import {
  LIMITS,
  type ChatMessage,
  type LatencyTable,
  type Member,
  type Millis,
  type PeerId,
  type RoomSettings,
} from "@nicepiano/protocol";
import mitt from "mitt";
import type { ConnectionKind } from "../mesh/connectionKind";
import type { PeerState } from "../mesh/peerMesh";

/** Where the page stands with its room. */
export type Connection = "connecting" | "joined" | "reconnecting" | "refused";

/** What is known of the link to one other player. */
export interface PeerStatus {
  state?: PeerState;
  /** The last round trip over the link. */
  rttMs?: Millis;
  /** How notes reach them: direct, through TURN, through the server. */
  kind?: ConnectionKind;
}

/** The parts of the store a view can follow. */
export type RoomTopic =
  "self" | "members" | "settings" | "latency" | "peers" | "connection" | "chat";

/**
 * What this page knows of its room, one copy of each: who we are, the others, the room's
 * settings, the server's latency table, each peer link, the chat, and whether we are in. The
 * session and the room entry write it; views read it and follow each topic's changes.
 */
export class RoomStore {
  readonly #changed = mitt<Record<RoomTopic, undefined>>();
  #self: Member | undefined;
  readonly #members = new Map<PeerId, Member>();
  #settings: RoomSettings | undefined;
  readonly #latency: LatencyTable = {};
  readonly #peers = new Map<PeerId, PeerStatus>();
  #chat: ChatMessage[] = [];
  #connection: Connection = "connecting";
  #error: string | undefined;

  /** Calls `listener` after each change of `topic`; returns how to stop. */
  on(topic: RoomTopic, listener: () => void): () => void {
    this.#changed.on(topic, listener);
    return () => this.#changed.off(topic, listener);
  }

  get self(): Member | undefined {
    return this.#self;
  }

  /** Everyone in the room but us. */
  get members(): ReadonlyMap<PeerId, Member> {
    return this.#members;
  }

  get settings(): RoomSettings | undefined {
    return this.#settings;
  }

  /** Round trips to the server, by member (us included). */
  get latency(): Readonly<LatencyTable> {
    return this.#latency;
  }

  /** The room's latest chat messages, oldest first. */
  get chat(): readonly ChatMessage[] {
    return this.#chat;
  }

  get connection(): Connection {
    return this.#connection;
  }

  /** Why we are not (or no longer) in the room, while that holds. */
  get error(): string | undefined {
    return this.#error;
  }

  peer(id: PeerId): PeerStatus | undefined {
    return this.#peers.get(id);
  }

  setSelf(self: Member | undefined): void {
    this.#self = self;
    this.#emit("self");
  }

  /** Adds or updates a member; true when they are new. */
  putMember(member: Member): boolean {
    const known = this.#members.has(member.id);
    this.#members.set(member.id, member);
    this.#emit("members");
    return !known;
  }

  /** A member left: they go with their latency and link; false if they were not here. */
  removeMember(id: PeerId): boolean {
    if (!this.#members.delete(id)) return false;
    this.#forget(id);
    this.#emit("members");
    return true;
  }

  /** Out of the room: nobody else is known. */
  clearMembers(): void {
    if (this.#members.size === 0) return;
    for (const id of this.#members.keys()) this.#forget(id);
    this.#members.clear();
    this.#emit("members");
  }

  setSettings(settings: RoomSettings): void {
    this.#settings = settings;
    this.#emit("settings");
  }

  /** The chat as the server gave it at a join: the room's latest messages. */
  setChat(messages: ChatMessage[]): void {
    this.#chat = messages.slice(-LIMITS.chatKept);
    this.#emit("chat");
  }

  /** A new message (a repeat of one held is ignored); the oldest go past the limit. */
  addChat(message: ChatMessage): void {
    if (this.#chat.some((held) => held.id === message.id)) return;
    this.#chat = [...this.#chat, message].slice(-LIMITS.chatKept);
    this.#emit("chat");
  }

  /** Round trips measured by the server (by this instance or others). */
  mergeLatency(table: LatencyTable): void {
    Object.assign(this.#latency, table);
    this.#emit("latency");
  }

  updatePeer(id: PeerId, change: PeerStatus): void {
    this.#peers.set(id, { ...this.#peers.get(id), ...change });
    this.#emit("peers");
  }

  setConnection(connection: Connection): void {
    this.#connection = connection;
    this.#emit("connection");
  }

  setError(error: string | undefined): void {
    this.#error = error;
    this.#emit("connection");
  }

  #forget(id: PeerId): void {
    delete this.#latency[id];
    this.#peers.delete(id);
    this.#emit("latency");
    this.#emit("peers");
  }

  #emit(topic: RoomTopic): void {
    this.#changed.emit(topic);
  }
}
