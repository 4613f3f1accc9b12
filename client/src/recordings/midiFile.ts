import { Midi } from "@tonejs/midi";
import {
  LIMITS,
  parseWith,
  PeerMessageType,
  recordedEvent,
  PLAYER_COLORS,
  recordingDraftSchema,
  RECORDING_LIMITS,
  type RecordedEvent,
  type RecordedEventType,
  type RecordingDraft,
  type RecordingTrack,
} from "@nicepiano/protocol";

const SUSTAIN = 64;
/** Channel 10 is drums in General MIDI: players get the others. */
const DRUM_CHANNEL = 9;
/** A file without a tempo of ours is written at MIDI's default. */
const DEFAULT_BPM = 120;

type MidiTrack = ReturnType<Midi["addTrack"]>;

/** A `.mid` file that is not one, or holds more than a recording may. */
export class MidiFileError extends Error {
  override name = "MidiFileError";
}

/**
 * A recording as a standard MIDI file (format 1): one track per player, named after them
 * (a solo take: one, named after the recording), notes with their velocities and the
 * sustain pedal as controller 64. A room recording's tempo and time signature are the
 * file's, its events moved so that the room's downbeats fall on the file's bar lines.
 */
export function toMidiFile(
  recording: Pick<RecordingDraft, "name" | "events" | "tracks" | "tempo">,
): Uint8Array {
  const midi = new Midi();
  midi.name = recording.name;
  const { tempo } = recording;
  // The tempo first: @tonejs/midi turns seconds into ticks with the header's tempo.
  midi.header.setTempo(tempo?.bpm ?? DEFAULT_BPM);
  if (tempo) midi.header.timeSignatures.push({ ticks: 0, timeSignature: [tempo.beatsPerBar, 4] });
  midi.header.update();
  const barMs = tempo ? (tempo.beatsPerBar * 60_000) / tempo.bpm : 0;
  const shiftMs = tempo && tempo.downbeatMs > 0 ? barMs - tempo.downbeatMs : 0;

  const names = recording.tracks?.map((track) => track.name) ?? [recording.name];
  const tracks = names.map((name, i) => {
    const track = midi.addTrack();
    track.name = name;
    track.channel = (i < DRUM_CHANNEL ? i : i + 1) % 16;
    return { track, started: new Map<number, { at: number; velocity: number }>() };
  });
  for (const [eventAt, type, a, b, index = 0] of recording.events) {
    const at = eventAt + shiftMs;
    const { track, started } = tracks[index]!;
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
  const end = (recording.events.at(-1)?.[0] ?? 0) + shiftMs;
  for (const { track, started } of tracks) {
    for (const [note, open] of started) addNote(track, note, open, end);
  }
  return midi.toArray();
}

function addNote(
  track: MidiTrack,
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

/** Refuses a file larger than any recording's (checked before reading it). */
export function tooLarge(bytes: number): void {
  if (bytes <= RECORDING_LIMITS.midiFileBytes) return;
  const limit = Math.round(RECORDING_LIMITS.midiFileBytes / 1024);
  throw new MidiFileError(`This file is larger than a recording may be (${limit} KB at most).`);
}

/**
 * Reads a `.mid` file as a new recording named `name`. Tracks with notes or pedal become
 * its players (named after the track); a file with one such track is a solo take.
 */
export function fromMidiFile(bytes: Uint8Array, name: string): RecordingDraft {
  tooLarge(bytes.length);
  let midi: Midi;
  try {
    midi = new Midi(bytes);
  } catch (error) {
    throw new MidiFileError(`This is not a MIDI file (${String(error)}).`);
  }
  const played = midi.tracks.filter(
    (track) => track.notes.length > 0 || (track.controlChanges[SUSTAIN]?.length ?? 0) > 0,
  );
  const tracks: RecordingTrack[] = played.map((track, i) => ({
    name:
      track.name
        .normalize("NFKC")
        .replace(/[\p{Cc}\p{Cf}]/gu, "")
        .trim()
        .slice(0, LIMITS.displayNameLength) || `Track ${i + 1}`,
    color: PLAYER_COLORS[i % PLAYER_COLORS.length]!,
  }));
  const events: RecordedEvent[] = [];
  played.forEach((track, index) => {
    for (const note of track.notes) {
      const at = note.time * 1000;
      const velocity = Math.min(127, Math.max(1, Math.round(note.velocity * 127)));
      events.push(recordedEvent(at, PeerMessageType.NoteOn, note.midi, velocity, index));
      events.push(
        recordedEvent(at + note.duration * 1000, PeerMessageType.NoteOff, note.midi, 0, index),
      );
    }
    for (const change of track.controlChanges[SUSTAIN] ?? []) {
      const down = change.value >= 0.5 ? 1 : 0;
      events.push(recordedEvent(change.time * 1000, PeerMessageType.Pedal, down, 0, index));
    }
  });
  // In time order; at one instant releases first, so a re-struck key is not cut short.
  const rank = (type: RecordedEventType) => (type === PeerMessageType.NoteOff ? 0 : 1);
  events.sort((x, y) => x[0] - y[0] || rank(x[1]) - rank(y[1]));
  const end = events.at(-1)?.[0] ?? 0;
  const draft = { name, startTime: 0, endTime: end, events };
  const parsed = parseWith(recordingDraftSchema, tracks.length > 1 ? { ...draft, tracks } : draft);
  if (!parsed.ok)
    throw new MidiFileError(`This MIDI file cannot be a recording: ${parsed.message}`);
  return parsed.value;
}
