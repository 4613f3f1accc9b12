import {
  PeerMessageType,
  type HeldState,
  type MidiNote,
  type PlayMessage,
} from "@nicepiano/protocol";

/** The keys one player holds down and their pedal, as their play messages leave them. */
export class HeldKeys {
  readonly keys = new Set<MidiNote>();
  pedal = false;

  apply(message: PlayMessage): void {
    switch (message.type) {
      case PeerMessageType.NoteOn:
        this.keys.add(message.note);
        break;
      case PeerMessageType.NoteOff:
        this.keys.delete(message.note);
        break;
      case PeerMessageType.Pedal:
        this.pedal = message.down;
        break;
    }
  }

  get holdsAnything(): boolean {
    return this.pedal || this.keys.size > 0;
  }

  /** As a frame carries it: the keys ascending. */
  snapshot(): HeldState {
    return { pedal: this.pedal, keys: [...this.keys].sort((a, b) => a - b) };
  }

  clear(): void {
    this.keys.clear();
    this.pedal = false;
  }
}
