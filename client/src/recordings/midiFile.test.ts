import { Midi } from "@tonejs/midi";
import {
  PeerMessageType,
  RECORDING_LIMITS,
  recordingDraftSchema,
  type RecordedEvent,
} from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { fromMidiFile, MidiFileError, toMidiFile } from "./midiFile";

const take: RecordedEvent[] = [
  [0, PeerMessageType.NoteOn, 60, 100],
  [120.5, PeerMessageType.Pedal, 1, 0],
  [250, PeerMessageType.NoteOn, 64, 64],
  [500, PeerMessageType.NoteOff, 60, 0],
  [750, PeerMessageType.NoteOff, 64, 0],
  [800, PeerMessageType.Pedal, 0, 0],
  [1000, PeerMessageType.NoteOn, 108, 1],
  [1500, PeerMessageType.NoteOff, 108, 0],
];

describe("MIDI files", () => {
  it("write a standard file that reads back to the same notes, velocities and pedal", () => {
    const bytes = toMidiFile({ name: "Take", events: take });
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe("MThd");
    const back = fromMidiFile(bytes, "Take");
    expect(back.events).toHaveLength(take.length);
    back.events.forEach(([at, type, a, b], i) => {
      const [wantAt, wantType, wantA, wantB] = take[i]!;
      expect(type).toBe(wantType);
      expect(a).toBe(wantA);
      // Velocity goes through 0–1 and back; time through ticks (480 per beat at 120 bpm).
      expect(Math.abs(b - wantB)).toBeLessThanOrEqual(type === PeerMessageType.NoteOn ? 1 : 0);
      expect(Math.abs(at - wantAt)).toBeLessThan(1.1);
    });
    expect(new Midi(bytes).tracks[0]?.name).toBe("Take");
  });

  it("read every track of a file made elsewhere", () => {
    const midi = new Midi();
    midi.addTrack().addNote({ midi: 48, time: 0.5, duration: 0.25, velocity: 0.5 });
    midi.addTrack().addNote({ midi: 72, time: 0, duration: 1, velocity: 1 });
    const draft = fromMidiFile(midi.toArray(), "Two hands");
    expect(draft.events.map(([, type, note]) => `${type}:${note}`)).toEqual([
      `${PeerMessageType.NoteOn}:72`,
      `${PeerMessageType.NoteOn}:48`,
      `${PeerMessageType.NoteOff}:48`,
      `${PeerMessageType.NoteOff}:72`,
    ]);
    expect(draft.endTime).toBe(1000);
    // Each track a player, named as the file does not: by its place.
    expect(draft.tracks?.map((track) => track.name)).toEqual(["Track 1", "Track 2"]);
    expect(draft.events.map(([, , note, , track = 0]) => `${note}@${track}`)).toEqual([
      "72@1",
      "48@0",
      "48@0",
      "72@1",
    ]);
  });

  it("refuse bytes that are not MIDI, and files larger than a recording may be", () => {
    expect(() => fromMidiFile(new TextEncoder().encode("hello"), "x")).toThrow(MidiFileError);
    const huge = new Midi();
    const track = huge.addTrack();
    // Each note is two events: one note more than half the limit is one pair too many.
    for (let i = 0; i <= RECORDING_LIMITS.events / 2; i++) {
      track.addNote({ midi: 60, time: i * 0.01, duration: 0.005, velocity: 0.5 });
    }
    expect(() => fromMidiFile(huge.toArray(), "huge")).toThrow(/at most/);
  }, 30_000);

  it("refuse a file larger than any recording's, before reading it", () => {
    const bytes = new Uint8Array(RECORDING_LIMITS.midiFileBytes + 1);
    expect(() => fromMidiFile(bytes, "big")).toThrow(/larger than/);
  });

  it("name players as the room would let them be named (no invisible characters)", () => {
    const midi = new Midi();
    const track = midi.addTrack();
    // A track name is bytes, read as Latin-1: its invisible one is the soft hyphen.
    track.name = "Ada\u00ADnimda";
    track.addNote({ midi: 60, time: 0, duration: 0.5, velocity: 0.5 });
    const second = midi.addTrack();
    second.name = "Bob\u00B2";
    second.addNote({ midi: 64, time: 0, duration: 0.5, velocity: 0.5 });
    const draft = fromMidiFile(midi.toArray(), "x");
    expect(draft.tracks?.map((t) => t.name)).toEqual(["Adanimda", "Bob2"]);
    expect(recordingDraftSchema.safeParse(draft).success).toBe(true);
  });
});
