import { Midi } from "@tonejs/midi";
import {
  parseWith,
  PeerMessageType,
  recordingDraftSchema,
  type Metronome,
  type PlayMessage,
} from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { fromMidiFile, toMidiFile } from "./midiFile";
import { RoomRecorder, tempoOf } from "./roomRecorder";

const ada = { id: "a", name: "Ada", color: "#e6194b" };
const bob = { id: "b", name: "Bob", color: "#3cb44b" };
const cy = { id: "c", name: "Cy", color: "#4363d8" };

const T0 = 1_764_000_000_000;
const STOPPED: Metronome = { bpm: 100, beatsPerBar: 4, startAt: null };
const on = (note: number, t: number): PlayMessage => ({
  type: PeerMessageType.NoteOn,
  note,
  velocity: 100,
  t: T0 + t,
});
const off = (note: number, t: number): PlayMessage => ({
  type: PeerMessageType.NoteOff,
  note,
  velocity: 0,
  t: T0 + t,
});

describe("a room recording", () => {
  it("places each player's notes by when they were played, not when they arrived", () => {
    const recorder = new RoomRecorder();
    recorder.start(T0, STOPPED);
    // Ada is here (no delay); Bob's notes reach this page 40 ms late, Cy's 90 ms.
    recorder.capture(ada, on(60, 100), T0 + 100);
    recorder.capture(bob, on(64, 100), T0 + 140);
    recorder.capture(ada, off(60, 150), T0 + 150);
    recorder.capture(cy, on(67, 110), T0 + 200);
    recorder.capture(bob, off(64, 200), T0 + 240);
    recorder.capture(cy, off(67, 220), T0 + 310);
    const take = recorder.stop(T0 + 1000);

    expect(take.tracks).toEqual([ada, bob, cy].map(({ name, color }) => ({ name, color })));
    expect(take.events).toEqual([
      [100, PeerMessageType.NoteOn, 60, 100],
      [100, PeerMessageType.NoteOn, 64, 100, 1],
      [110, PeerMessageType.NoteOn, 67, 100, 2],
      [150, PeerMessageType.NoteOff, 60, 0],
      [200, PeerMessageType.NoteOff, 64, 0, 1],
      [220, PeerMessageType.NoteOff, 67, 0, 2],
    ]);
    expect(take.endTime - take.startTime).toBe(1000);
    expect(parseWith(recordingDraftSchema, { name: "Trio", ...take }).ok).toBe(true);
  });

  it("leaves out notes struck before it began, and lets go of what is held at the end", () => {
    const recorder = new RoomRecorder();
    recorder.start(T0, STOPPED);
    recorder.capture(bob, on(50, -30), T0 + 10); // struck before the start, arrived after
    recorder.capture(bob, off(50, 20), T0 + 40);
    recorder.capture(ada, on(60, 100), T0 + 100);
    recorder.capture(ada, { type: PeerMessageType.Pedal, down: true, t: T0 + 120 }, T0 + 120);
    // A clock that runs ahead of ours cannot put a note after now.
    recorder.capture(cy, on(70, 5000), T0 + 300);
    const take = recorder.stop(T0 + 400);
    expect(take.events).toEqual([
      [100, PeerMessageType.NoteOn, 60, 100, 1],
      [120, PeerMessageType.Pedal, 1, 0, 1],
      [300, PeerMessageType.NoteOn, 70, 100, 2],
      [400, PeerMessageType.NoteOff, 60, 0, 1],
      [400, PeerMessageType.Pedal, 0, 0, 1],
      [400, PeerMessageType.NoteOff, 70, 0, 2],
    ]);
    expect(parseWith(recordingDraftSchema, { name: "x", ...take }).ok).toBe(true);
  });

  it("keeps the room's tempo and where its bars fall", () => {
    // 120 bpm in 3: a bar is 1500 ms; the metronome started 400 ms before the take.
    expect(tempoOf({ bpm: 120, beatsPerBar: 3, startAt: T0 - 400 }, T0)).toEqual({
      bpm: 120,
      beatsPerBar: 3,
      downbeatMs: 1100,
    });
    expect(tempoOf({ bpm: 120, beatsPerBar: 3, startAt: T0 + 3200 }, T0).downbeatMs).toBe(200);
    expect(tempoOf(STOPPED, T0).downbeatMs).toBe(0);
  });

  it("of three players exports a three-track MIDI file that parses back", () => {
    const recorder = new RoomRecorder();
    // 90 bpm in 3 (a beat 666.7 ms, a bar 2 s); the metronome's bar began 500 ms before.
    recorder.start(T0, { bpm: 90, beatsPerBar: 3, startAt: T0 - 500 });
    const players = [ada, bob, cy];
    players.forEach((player, i) => {
      for (let beat = 0; beat < 4; beat++) {
        const at = 1500 + beat * (2000 / 3) + i * 10;
        recorder.capture(player, on(48 + i * 12 + beat, at), T0 + at + 30);
        recorder.capture(player, off(48 + i * 12 + beat, at + 300), T0 + at + 330);
      }
    });
    const take = recorder.stop(T0 + 5000);
    const bytes = toMidiFile({ name: "Trio", ...take });

    const midi = new Midi(bytes);
    expect(midi.tracks.map((track) => track.name)).toEqual(["Ada", "Bob", "Cy"]);
    expect(midi.tracks.map((track) => track.channel)).toEqual([0, 1, 2]);
    // A MIDI tempo is whole microseconds a beat: 666,667 for 90 bpm.
    expect(midi.header.tempos[0]?.bpm).toBeCloseTo(90, 3);
    expect(midi.header.timeSignatures[0]?.timeSignature).toEqual([3, 4]);
    players.forEach((_, i) => {
      const notes = midi.tracks[i]!.notes;
      expect(notes.map((note) => note.midi)).toEqual([0, 1, 2, 3].map((b) => 48 + i * 12 + b));
      // Played 1.5 s into the take, which is the room's second bar (its first began
      // 0.5 s before): in the file, each player's first note is on bar 2, beat 1.
      const bar = midi.header.ppq * 3;
      expect(Math.abs(notes[0]!.ticks - bar - i * 10 * (midi.header.ppq / 666.67))).toBeLessThan(2);
      expect(notes[0]!.durationTicks).toBeCloseTo((300 / 666.67) * midi.header.ppq, -1);
    });

    // And it reads back into NicePiano as a room recording of the same three players.
    const back = fromMidiFile(bytes, "Trio again");
    expect(back.tracks?.map((track) => track.name)).toEqual(["Ada", "Bob", "Cy"]);
    expect(back.events.filter(([, type]) => type === PeerMessageType.NoteOn)).toHaveLength(12);
  });

  it("stops taking more once the take is full", () => {
    const recorder = new RoomRecorder();
    recorder.start(T0, STOPPED);
    expect(recorder.capture(ada, on(60, 10), T0 + 60 * 60 * 1000 + 1)).toBe(false);
  });
});
