import {
  PeerMessageType,
  PIANO_HIGHEST_NOTE,
  PIANO_LOWEST_NOTE,
  type MidiNote,
  type Millis,
  type PeerId,
  type PlayMessage,
} from "@nicepiano/protocol";
import mitt from "mitt";
import type { PianoOutput } from "./pianoOutput";

/** A message the piano took from a player, sounding in `inMs` (0: now). */
export interface Played {
  player: PeerId;
  message: PlayMessage;
  inMs: Millis;
}

/**
 * Keys that changed holders, and in how many ms the change sounds (0 for live notes;
 * scheduled playback is handed over a little ahead).
 */
export interface KeysChanged {
  notes: MidiNote[];
  inMs: Millis;
}

/**
 * The one piano everybody in the room plays. It knows who holds which key and who holds
 * the pedal, so a key sounds until its last holder lets go, the pedal stays down while
 * anyone holds it, and everything a player held is released when they leave.
 */
export class SharedPiano {
  /**
   * Everything the piano plays, player by player, as it sounds here (after this
   * listener's mutes, volumes and timing): for other outputs and views of the room. A
   * player's keys let go all at once come as their releases.
   */
  readonly events = mitt<{ played: Played; keys: KeysChanged }>();
  readonly #output: PianoOutput;
  /** Per key, its holders in the order they pressed it. */
  readonly #holders = new Map<MidiNote, PeerId[]>();
  readonly #pedalHolders = new Set<PeerId>();

  constructor(output: PianoOutput) {
    this.#output = output;
  }

  /**
   * Plays `message` from `player`, at once, or `later` (at audio-clock `time`, `inMs` from
   * now); notes off the 88 keys are ignored.
   */
  apply(player: PeerId, message: PlayMessage, later?: { time: number; inMs: Millis }): void {
    const time = later?.time;
    switch (message.type) {
      case PeerMessageType.NoteOn:
        if (!onPiano(message.note)) return;
        this.#press(player, message.note, later?.inMs ?? 0);
        this.#output.keyDown(message.note, message.velocity, time);
        break;
      case PeerMessageType.NoteOff:
        if (!onPiano(message.note)) return;
        this.#release(player, message.note, later);
        break;
      case PeerMessageType.Pedal:
        this.#setPedal(player, message.down, time);
        break;
    }
    this.events.emit("played", { player, message, inMs: later?.inMs ?? 0 });
  }

  /** Releases every key and the pedal `player` holds (they left, or their channel died). */
  releaseAll(player: PeerId): void {
    const t = 0; // the room-clock time of a release nobody played; listeners use `inMs`
    for (const [note, holders] of [...this.#holders]) {
      if (!holders.includes(player)) continue;
      this.#release(player, note);
      const message = { type: PeerMessageType.NoteOff, note, velocity: 0, t } as const;
      this.events.emit("played", { player, message, inMs: 0 });
    }
    if (!this.#pedalHolders.has(player)) return;
    this.#setPedal(player, false);
    const message = { type: PeerMessageType.Pedal, down: false, t } as const;
    this.events.emit("played", { player, message, inMs: 0 });
  }

  /** Everyone who holds a key or the pedal now. */
  get holders(): PeerId[] {
    const holders = new Set(this.#pedalHolders);
    for (const keyHolders of this.#holders.values()) for (const id of keyHolders) holders.add(id);
    return [...holders];
  }

  /** The keys `player` holds, ascending. */
  keysOf(player: PeerId): MidiNote[] {
    return [...this.#holders]
      .filter(([, holders]) => holders.includes(player))
      .map(([note]) => note)
      .sort((a, b) => a - b);
  }

  /** Who holds `note`, the latest presser last. */
  holdersOf(note: MidiNote): readonly PeerId[] {
    return this.#holders.get(note) ?? [];
  }

  /** Who holds the pedal. */
  get pedalHolders(): readonly PeerId[] {
    return [...this.#pedalHolders];
  }

  get pedalDown(): boolean {
    return this.#pedalHolders.size > 0;
  }

  #keysChanged(notes: MidiNote[], inMs: Millis): void {
    this.events.emit("keys", { notes, inMs });
  }

  #press(player: PeerId, note: MidiNote, inMs: Millis): void {
    const holders = (this.#holders.get(note) ?? []).filter((holder) => holder !== player);
    holders.push(player);
    this.#holders.set(note, holders);
    this.#keysChanged([note], inMs);
  }

  #release(player: PeerId, note: MidiNote, later?: { time: number; inMs: Millis }): void {
    const holders = this.#holders.get(note);
    if (!holders?.includes(player)) return;
    const rest = holders.filter((holder) => holder !== player);
    if (rest.length > 0) {
      this.#holders.set(note, rest);
    } else {
      this.#holders.delete(note);
      this.#output.keyUp(note, later?.time);
    }
    this.#keysChanged([note], later?.inMs ?? 0);
  }

  #setPedal(player: PeerId, down: boolean, time?: number): void {
    const wasDown = this.pedalDown;
    if (down) this.#pedalHolders.add(player);
    else this.#pedalHolders.delete(player);
    if (!wasDown && this.pedalDown) this.#output.pedalDown(time);
    if (wasDown && !this.pedalDown) this.#output.pedalUp(time);
  }
}

function onPiano(note: MidiNote): boolean {
  return note >= PIANO_LOWEST_NOTE && note <= PIANO_HIGHEST_NOTE;
}
