import {
  decodePeerFrame,
  encodeNoteFrame,
  PeerFrameType,
  PeerMessageType,
  type HeldState,
  type NoteFrame,
  type PlayMessage,
} from "@nicepiano/protocol";
import { noteOff, noteOn, pedal } from "../testing/playMessages";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HeldKeys } from "./heldState";
import { LATE_NOTE_MS, NoteReceiver } from "./noteReceiver";
import { NoteSender } from "./noteSender";

const on = (note: number, t: number): PlayMessage => noteOn(note, 80, t);
const off = noteOff;

/** A frame of `messages` numbered from `first`, with `state` if given. */
const frame = (first: number, messages: PlayMessage[], state?: HeldState): NoteFrame => ({
  type: PeerFrameType.Notes,
  events: messages.map((message, i) => ({ seq: first + i, message })),
  ...(state ? { state } : {}),
});

describe("NoteReceiver", () => {
  let now = 0;
  const receiver = () => new NoteReceiver(() => now);
  beforeEach(() => (now = 0));

  it("takes each event once, whichever frame brings it", () => {
    const r = receiver();
    expect(r.take(frame(0, [on(60, 0)]))).toEqual([on(60, 0)]);
    expect(r.take(frame(0, [on(60, 0)]))).toEqual([]); // a repeat
    expect(r.take(frame(0, [on(60, 0), on(62, 1), on(64, 2)]))).toEqual([on(62, 1), on(64, 2)]);
    expect(r.held.keys).toEqual([60, 62, 64]);
  });

  it("repairs a lost event from the redundancy of the next frame", () => {
    const r = receiver();
    r.take(frame(0, [on(60, 0)]));
    // Frame 1 (off 60) is lost; frame 2 carries it.
    now = 50;
    expect(r.take(frame(0, [on(60, 0), off(60, 40), on(62, 50)]))).toEqual([
      off(60, 40),
      on(62, 50),
    ]);
  });

  it("does not play a note-on that comes too late, and counts it", () => {
    const r = receiver();
    now = 1000;
    r.take(frame(0, [on(60, 1000)])); // usual: arrives at once
    now = 1200;
    r.take(frame(1, [on(62, 1200)]));
    // Note 64 was played at 1210, its frames lost; a frame at 1400 still carries it.
    now = 1400;
    const late = r.take(frame(2, [on(64, 1210), off(62, 1400)]));
    expect(late).toEqual([off(62, 1400)]);
    expect(r.lateNotes).toBe(1);
    // Within the limit, it plays.
    now = 1500 + LATE_NOTE_MS - 1;
    expect(r.take(frame(4, [on(65, 1500)]))).toEqual([on(65, 1500)]);
  });

  it("plays every note, however late, with no limit (the first design's reliable channel)", () => {
    const r = new NoteReceiver(() => now, Number.POSITIVE_INFINITY);
    now = 1000;
    r.take(frame(0, [on(60, 1000)]));
    now = 1600;
    expect(r.take(frame(1, [on(62, 1010)]))).toEqual([on(62, 1010)]);
    expect(r.lateNotes).toBe(0);
  });

  it("judges lateness against the sender's usual delay, whatever its clock", () => {
    const r = receiver();
    // The sender's clock is 5 s behind this one, and its notes take 80 ms.
    now = 5080;
    expect(r.take(frame(0, [on(60, 0)]))).toEqual([on(60, 0)]);
    now = 5180 + LATE_NOTE_MS - 10;
    expect(r.take(frame(1, [on(62, 100)]))).toEqual([on(62, 100)]);
  });

  it("releases from state what a lost note-off left held, and the pedal too", () => {
    const r = receiver();
    r.take(frame(0, [pedal(true, 0), on(60, 1), on(64, 2)], { pedal: true, keys: [60, 64] }));
    // Everything after is lost but for a frame whose events are all new to us: its state
    // says 60 and the pedal were let go.
    const repaired = r.take(frame(10, [on(70, 30)], { pedal: false, keys: [64, 70] }));
    expect(repaired).toEqual([on(70, 30), off(60, 30), pedal(false, 30)]);
    expect(r.held).toEqual({ keys: [64, 70], pedal: false });
  });

  it("never lets an old frame's state or events undo newer ones", () => {
    const r = receiver();
    r.take(frame(0, [on(60, 0)], { pedal: false, keys: [60] }));
    r.take(frame(1, [off(60, 10)], { pedal: false, keys: [] }));
    r.take(frame(2, [on(60, 20)], { pedal: false, keys: [60] }));
    // A frame from before the first release arrives last: old state, nothing new.
    expect(r.take(frame(0, [on(60, 0)], { pedal: false, keys: [] }))).toEqual([]);
    expect(r.held.keys).toEqual([60]);
    // An old note-off for a key pressed again since is not applied.
    const r2 = receiver();
    r2.take(frame(0, [on(60, 0)]));
    r2.take(frame(2, [on(60, 20)])); // seq 1 (the off) lost so far
    expect(r2.take(frame(1, [off(60, 10)]))).toEqual([]);
    expect(r2.held.keys).toEqual([60]);
  });

  it("leaves silent a key the state holds whose note-on never came", () => {
    const r = receiver();
    expect(r.take(frame(3, [pedal(false, 0)], { pedal: false, keys: [60] }))).toEqual([]);
    expect(r.held.keys).toEqual([]);
  });
});

/** A seeded generator, so a lossy run is the same every time. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("the loss-proof transport over a path that loses frames", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  for (const loss of [0.1, 0.2, 0.4]) {
    it(`ends with what the sender holds at ${loss * 100} % loss, chords and pedal included`, () => {
      const random = seeded(loss * 1000);
      const receiver = new NoteReceiver(() => Date.now());
      const heard = new HeldKeys();
      let notesSent = 0;
      let notesHeard = 0;
      const sender = new NoteSender((bytes) => {
        if (random() < loss) return;
        const decoded = decodePeerFrame(bytes);
        if (decoded?.type !== PeerFrameType.Notes) throw new Error("not notes");
        for (const message of receiver.take(decoded)) {
          if (message.type === PeerMessageType.NoteOn) notesHeard++;
          heard.apply(message);
        }
      });
      const sent = new HeldKeys();
      const play = (message: PlayMessage) => {
        if (message.type === PeerMessageType.NoteOn) notesSent++;
        sent.apply(message);
        sender.send(message);
      };
      // Phrases of chords under the pedal, a few held over the end of each.
      for (let phrase = 0; phrase < 40; phrase++) {
        play(pedal(true, Date.now()));
        for (let chord = 0; chord < 4; chord++) {
          const root = 40 + Math.floor(random() * 40);
          for (const step of [0, 4, 7]) play(on(root + step, Date.now()));
          vi.advanceTimersByTime(120);
          for (const step of [0, 4, 7]) if (random() < 0.8) play(off(root + step, Date.now()));
          vi.advanceTimersByTime(30);
        }
        if (random() < 0.7) play(pedal(false, Date.now()));
        vi.advanceTimersByTime(Math.floor(random() * 400));
        expect(heard.keys.size).toBeLessThanOrEqual(128);
      }
      vi.advanceTimersByTime(2000);
      expect({ keys: [...heard.keys].sort(), pedal: heard.pedal }).toEqual({
        keys: [...sent.keys].sort(),
        pedal: sent.pedal,
      });
      // Redundancy brings nearly every note in time (the rest are left out, never late).
      if (loss <= 0.2) expect(notesHeard / notesSent).toBeGreaterThan(0.99);
      sender.destroy();
    });
  }

  it("a frame at the largest size still decodes with every key held", () => {
    const keys = Array.from({ length: 88 }, (_, i) => 21 + i);
    const bytes = encodeNoteFrame({
      events: [{ seq: 9, message: on(108, 0) }],
      state: { pedal: true, keys },
    });
    expect(decodePeerFrame(bytes)).toMatchObject({ state: { keys } });
  });
});
