import {
  decodePeerFrame,
  PeerFrameType,
  type Member,
  type PeerId,
  type PlayMessage,
} from "@nicepiano/protocol";
import { NoteInbox } from "../notes/noteInbox";
import { NoteSender } from "../notes/noteSender";
import { NOTE_TRANSPORTS, type NoteTransportKind } from "../notes/noteTransports";

export interface RoomNotesPaths {
  /** Sends a frame to every player (channels, or the server relay); answers how many. */
  toPlayers(frame: Uint8Array, fresh: boolean): number;
  /** Sends a frame once to the server for the room's listeners. */
  toListeners(frame: Uint8Array): void;
  /** The room's other members, players and listeners. */
  members: ReadonlyMap<PeerId, Member>;
}

/**
 * A room member's notes on the note transport: its own playing, encoded once for every
 * path (the players' channels or the relay, and the listeners' feed, only fresh frames),
 * and everyone's arriving frames, taken once per sender whatever path they came by.
 */
export class RoomNotes {
  readonly transport: NoteTransportKind;
  /** Everyone's notes as they arrive: the mesh feeds it too. */
  readonly inbox: NoteInbox;
  readonly #sender: NoteSender;
  readonly #paths: RoomNotesPaths;
  /** Players the sender's last fresh frame went to. */
  #sentTo = 0;

  constructor(transport: NoteTransportKind, paths: RoomNotesPaths) {
    this.transport = transport;
    this.#paths = paths;
    const { policy, lateNoteMs } = NOTE_TRANSPORTS[transport];
    this.inbox = new NoteInbox(undefined, lateNoteMs);
    this.#sender = new NoteSender((frame, fresh) => this.#deliver(frame, fresh), policy);
  }

  /** The data channel's settings for this transport. */
  get channelConfig(): RTCDataChannelInit {
    return NOTE_TRANSPORTS[this.transport].channelConfig;
  }

  /** Sends this player's `message`; answers how many players it went to. */
  send(message: PlayMessage): number {
    this.#sentTo = 0;
    this.#sender.send(message);
    return this.#sentTo;
  }

  /** What a player's frame, come through the server to this listener, plays. */
  takeAsListener(from: PeerId, bytes: Uint8Array): PlayMessage[] {
    const player = this.#paths.members.get(from);
    if (!player || player.listener) return [];
    const frame = decodePeerFrame(bytes);
    if (frame?.type !== PeerFrameType.Notes) return [];
    return this.inbox.take(from, frame);
  }

  /** Note-ons from others not played because they came too late. */
  get lateNotes(): number {
    return this.inbox.lateNotes;
  }

  /** A fresh start (a new room): numbering, repeats and every sender's state. */
  reset(): void {
    this.#sender.reset();
    this.inbox.clear();
  }

  destroy(): void {
    this.#sender.destroy();
    this.inbox.clear();
  }

  /** Whether anyone in the room listens (on the note path: no copy of the member list). */
  #hasListeners(): boolean {
    for (const member of this.#paths.members.values()) if (member.listener) return true;
    return false;
  }

  #deliver(frame: Uint8Array, fresh: boolean): void {
    if (fresh && this.#hasListeners()) this.#paths.toListeners(frame);
    const sentTo = this.#paths.toPlayers(frame, fresh);
    if (fresh) this.#sentTo = sentTo;
  }
}
