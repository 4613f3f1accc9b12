import { PeerMessageType, type MidiNote, type PeerId } from "@nicepiano/protocol";
import type { Played } from "../audio/sharedPiano";

/** What a Web MIDI output port is to us. */
export interface MidiOutPort {
  send(data: number[], timestamp?: number): void;
}

const NOTE_ON = 0x90;
const NOTE_OFF = 0x80;
const CONTROL = 0xb0;
const SUSTAIN = 64;
const ALL_NOTES_OFF = 123;

/**
 * Sends what the room plays to a MIDI output (a digital piano in the room, say), on
 * channel 1: every player but those left out. As on the shared piano, a key sounds until
 * the last player sending it lets go, and the pedal is down while any holds it. A note
 * this page plays later (steady timing, playbacks) is sent with its time, so the device
 * sounds it with the piano here. Changing the port or who is sent first silences what
 * is held, so nothing sticks on the device.
 */
export class RoomMidiOut {
  #port: MidiOutPort | undefined;
  #left = new Set<PeerId>();
  readonly #held = new Map<MidiNote, Set<PeerId>>();
  readonly #pedal = new Set<PeerId>();
  readonly #memberOf: (player: PeerId) => PeerId | undefined;
  readonly #now: () => number;

  /**
   * `memberOf` names the member behind a player of the piano (the local player, a
   * recording someone started); `now` is the clock of MIDI timestamps.
   */
  constructor(memberOf: (player: PeerId) => PeerId | undefined, now = () => performance.now()) {
    this.#memberOf = memberOf;
    this.#now = now;
  }

  /** The device to send to; undefined sends nowhere. */
  setPort(port: MidiOutPort | undefined): void {
    this.#silence();
    this.#port = port;
  }

  /** The members whose playing is not sent. */
  leaveOut(members: Iterable<PeerId>): void {
    this.#silence();
    this.#left = new Set(members);
  }

  play({ player, message, inMs }: Played): void {
    const port = this.#port;
    const member = this.#memberOf(player);
    if (!port || member === undefined || this.#left.has(member)) return;
    const at = inMs > 0 ? this.#now() + inMs : undefined;
    const send = (data: number[]) => (at === undefined ? port.send(data) : port.send(data, at));
    switch (message.type) {
      case PeerMessageType.NoteOn: {
        const holders = this.#held.get(message.note) ?? new Set();
        this.#held.set(message.note, holders.add(player));
        send([NOTE_ON, message.note, message.velocity]);
        break;
      }
      case PeerMessageType.NoteOff: {
        const holders = this.#held.get(message.note);
        if (!holders?.delete(player)) return;
        if (holders.size > 0) return;
        this.#held.delete(message.note);
        send([NOTE_OFF, message.note, 0]);
        break;
      }
      case PeerMessageType.Pedal: {
        const wasDown = this.#pedal.size > 0;
        if (message.down) this.#pedal.add(player);
        else this.#pedal.delete(player);
        const down = this.#pedal.size > 0;
        if (down !== wasDown) send([CONTROL, SUSTAIN, down ? 127 : 0]);
        break;
      }
    }
  }

  /** Lets go of everything on the device. Safe to call twice. */
  destroy(): void {
    this.#silence();
    this.#port = undefined;
  }

  #silence(): void {
    const port = this.#port;
    if (port && (this.#held.size > 0 || this.#pedal.size > 0)) {
      for (const note of this.#held.keys()) port.send([NOTE_OFF, note, 0]);
      port.send([CONTROL, SUSTAIN, 0]);
      port.send([CONTROL, ALL_NOTES_OFF, 0]);
    }
    this.#held.clear();
    this.#pedal.clear();
  }
}
