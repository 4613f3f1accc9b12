import { PeerMessageType, type PlayMessage } from "@nicepiano/protocol";

/** Play messages for tests, at room time `t` (0 unless given). */
export const noteOn = (note: number, velocity = 80, t = 0): PlayMessage => ({
  type: PeerMessageType.NoteOn,
  note,
  velocity,
  t,
});

export const noteOff = (note: number, t = 0): PlayMessage => ({
  type: PeerMessageType.NoteOff,
  note,
  velocity: 0,
  t,
});

export const pedal = (down: boolean, t = 0): PlayMessage => ({
  type: PeerMessageType.Pedal,
  down,
  t,
});
