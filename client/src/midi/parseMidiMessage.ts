import type { InputEvent } from "../input/inputEvent";

const NOTE_OFF = 0x80;
const NOTE_ON = 0x90;
const CONTROL_CHANGE = 0xb0;
const SUSTAIN_PEDAL = 64;

/**
 * Reads one MIDI message from any of the 16 channels. Web MIDI always delivers whole
 * messages with their status byte, so running status never reaches us.
 * Returns null for everything that is not a note or the sustain pedal.
 */
export function parseMidiMessage(data: Uint8Array): InputEvent | null {
  if (data.length < 3) return null;
  const [status, first, second] = data as unknown as [number, number, number];
  if (status < 0x80 || first > 127 || second > 127) return null;
  switch (status & 0xf0) {
    case NOTE_ON:
      // A note-on with velocity 0 is how many keyboards send note-off.
      return second === 0
        ? { kind: "noteOff", note: first, velocity: 0 }
        : { kind: "noteOn", note: first, velocity: second };
    case NOTE_OFF:
      return { kind: "noteOff", note: first, velocity: second };
    case CONTROL_CHANGE:
      return first === SUSTAIN_PEDAL ? { kind: "pedal", down: second >= 64 } : null;
    default:
      return null;
  }
}
