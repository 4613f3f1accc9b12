import { Midi } from "@tonejs/midi";
import {
  parseWith,
  PeerMessageType,
  recordingDraftSchema,
  type RecordedEvent,
  type RecordedEventType,
  type RecordingDraft,
} from "@nicepiano/protocol";

const SUSTAIN = 64;

/** A `.mid` file that is not one, or holds more than a recording may. */
export class MidiFileError extends Error {
  override name = "MidiFileError";
}

/**
 * A recording as a standard MIDI file (format 1, one track, 120 bpm): notes with their
 * velocities and the sustain pedal as controller 64.
 */
export function toMidiFile(recording: Pick<RecordingDraft, "name" | "events">): Uint8Array {
  const midi = new Midi();
  midi.name = recording.name;
  const track = midi.addTrack();
  track.name = recording.name;
  const started = new Map<number, { at: number; velocity: number }>();
  for (const [at, type, a, b] of recording.events) {
    if (type === PeerMessageType.NoteOn) {
      // A key struck again before its release ends the first note there.
      const open = started.get(a);
      if (open) addNote(track, a, open, at);
      started.set(a, { at, velocity: b });
    } else if (type === PeerMessageType.NoteOff) {
      const open = started.get(a);
      if (open) addNote(track, a, open, at);
      started.delete(a);
    } else {
      track.addCC({ number: SUSTAIN, value: a === 1 ? 1 : 0, time: at / 1000 });
    }
  }
  const end = recording.events.at(-1)?.[0] ?? 0;
  for (const [note, open] of started) addNote(track, note, open, end);
  return midi.toArray();
}

function addNote(
  track: ReturnType<Midi["addTrack"]>,
  note: number,
  open: { at: number; velocity: number },
  endAt: number,
): void {
  track.addNote({
    midi: note,
    time: open.at / 1000,
    duration: Math.max(0, endAt - open.at) / 1000,
    velocity: open.velocity / 127,
  });
}

/** Reads a `.mid` file (every track) as a new recording named `name`. */
export function fromMidiFile(bytes: Uint8Array, name: string): RecordingDraft {
  let midi: Midi;
  try {
    midi = new Midi(bytes);
  } catch (error) {
    throw new MidiFileError(`This is not a MIDI file (${String(error)}).`);
  }
  const events: RecordedEvent[] = [];
  for (const track of midi.tracks) {
    for (const note of track.notes) {
      const at = note.time * 1000;
      const velocity = Math.min(127, Math.max(1, Math.round(note.velocity * 127)));
      events.push([at, PeerMessageType.NoteOn, note.midi, velocity]);
      events.push([at + note.duration * 1000, PeerMessageType.NoteOff, note.midi, 0]);
    }
    for (const change of track.controlChanges[SUSTAIN] ?? []) {
      events.push([change.time * 1000, PeerMessageType.Pedal, change.value >= 0.5 ? 1 : 0, 0]);
    }
  }
  // In time order; at one instant releases first, so a re-struck key is not cut short.
  const rank = (type: RecordedEventType) => (type === PeerMessageType.NoteOff ? 0 : 1);
  events.sort((x, y) => x[0] - y[0] || rank(x[1]) - rank(y[1]));
  const end = events.at(-1)?.[0] ?? 0;
  const parsed = parseWith(recordingDraftSchema, { name, startTime: 0, endTime: end, events });
  if (!parsed.ok)
    throw new MidiFileError(`This MIDI file cannot be a recording: ${parsed.message}`);
  return parsed.value;
}
