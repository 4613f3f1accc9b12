import type { ListedRoom, ListedRooms } from "@nicepiano/protocol";
import { EventEmitter } from "node:events";
import type { Cluster } from "../cluster/cluster";
import type { SignalingServer } from "../types";
import type { RoomSettingsRegistry } from "./roomSettingsRegistry";

/** An instance not heard from for this many rounds is taken to hold none of the rooms. */
const ROUNDS_KEPT = 3;

/** The rooms listed for anyone to join, as the HTTP API gives them. */
export interface RoomListing {
  current(): ListedRooms;
  /** Calls `listener` with each new list; returns how to stop. */
  onChange(listener: (rooms: ListedRooms) => void): () => void;
  /** Calls `listener` once when the server stops (a stream to close). */
  onStop(listener: () => void): () => void;
}

/**
 * The listed rooms of the whole deployment. Each round (and whenever asked), every
 * instance counts the players and listeners it holds in the rooms their owners listed
 * and tells the others; the list is the sum of what each said last, the fullest first.
 * A room goes off it when it empties or its owner makes it private.
 */
export class ListedRoomsFeed implements RoomListing {
  readonly #events = new EventEmitter<{ change: [ListedRooms]; stop: [] }>();
  readonly #elsewhere = new Map<string, { rooms: ListedRooms; heardAt: number }>();
  #here: ListedRooms = [];
  #list: ListedRooms = [];
  #timer: NodeJS.Timeout | undefined;
  #count: () => ListedRooms = () => [];
  #tell: (rooms: ListedRooms) => void = () => {};
  readonly #roundMs: number;

  constructor(roundMs: number) {
    this.#roundMs = roundMs;
  }

  /** Starts counting this instance's rooms, and hearing the others'. */
  start(instance: string, io: SignalingServer, cluster: Cluster, settings: RoomSettingsRegistry) {
    this.#count = () => countListed(io, settings);
    this.#tell = (rooms) => void cluster.tell("listedRooms", instance, rooms);
    cluster.hear("listedRooms", (from, rooms) => {
      this.#elsewhere.set(from, { rooms, heardAt: Date.now() });
      this.#merge();
    });
    this.#timer = setInterval(() => this.round(), this.#roundMs);
    this.#timer.unref();
  }

  /** Counts again now and tells the others (a room was listed, or someone left). */
  round(): void {
    this.#here = this.#count();
    this.#tell(this.#here);
    this.#merge();
  }

  current(): ListedRooms {
    return this.#list;
  }

  onChange(listener: (rooms: ListedRooms) => void): () => void {
    this.#events.on("change", listener);
    return () => void this.#events.off("change", listener);
  }

  onStop(listener: () => void): () => void {
    this.#events.once("stop", listener);
    return () => void this.#events.off("stop", listener);
  }

  /** Stops counting, and ends every stream of the list. */
  stop(): void {
    clearInterval(this.#timer);
    this.#events.emit("stop");
    this.#events.removeAllListeners();
  }

  #merge(): void {
    const stale = Date.now() - ROUNDS_KEPT * this.#roundMs;
    const byRoom = new Map<string, ListedRoom>();
    const lists = [this.#here];
    for (const [instance, { rooms, heardAt }] of this.#elsewhere) {
      if (heardAt < stale) this.#elsewhere.delete(instance);
      else lists.push(rooms);
    }
    for (const rooms of lists) {
      for (const room of rooms) {
        const held = byRoom.get(room.room);
        if (!held) byRoom.set(room.room, { ...room });
        else {
          held.players += room.players;
          held.listeners += room.listeners;
        }
      }
    }
    const list = [...byRoom.values()].sort(
      (a, b) => b.players + b.listeners - (a.players + a.listeners) || a.room.localeCompare(b.room),
    );
    if (JSON.stringify(list) === JSON.stringify(this.#list)) return;
    this.#list = list;
    this.#events.emit("change", list);
  }
}

/** This instance's members in each listed room. */
function countListed(io: SignalingServer, settings: RoomSettingsRegistry): ListedRooms {
  const rooms = new Map<string, ListedRoom>();
  for (const socket of io.of("/").sockets.values()) {
    const { room, member } = socket.data;
    if (!room || !member) continue;
    const record = settings.get(room);
    if (!record?.settings.listed) continue;
    let entry = rooms.get(room);
    if (!entry) {
      entry = { room, players: 0, listeners: 0, notice: record.settings.notice };
      rooms.set(room, entry);
    }
    if (member.listener) entry.listeners++;
    else entry.players++;
  }
  return [...rooms.values()];
}
