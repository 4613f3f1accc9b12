import { PeerMessageType, type PlayMessage, type ServerTime } from "@nicepiano/protocol";
import type { InputEvent } from "../input/inputEvent";

/** An input event as the message peers receive, stamped with the room clock's time. */
export function toPlayMessage(event: InputEvent, t: ServerTime): PlayMessage {
  switch (event.kind) {
    case "noteOn":
      return { type: PeerMessageType.NoteOn, note: event.note, velocity: event.velocity, t };
    case "noteOff":
      return { type: PeerMessageType.NoteOff, note: event.note, velocity: event.velocity, t };
    case "pedal":
      return { type: PeerMessageType.Pedal, down: event.down, t };
  }
}
