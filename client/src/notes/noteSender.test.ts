import {
  decodePeerFrame,
  PeerFrameType,
  PeerMessageType,
  type NoteFrame,
  type PlayMessage,
} from "@nicepiano/protocol";
import { noteOff, noteOn } from "../testing/playMessages";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LATE_NOTE_MS } from "./noteReceiver";
import { LOSS_PROOF_POLICY, NoteSender, PLAIN_POLICY } from "./noteSender";

const on = (note: number, t: number): PlayMessage => noteOn(note, 80, t);
const off = noteOff;

/** A sender whose frames are kept, decoded, with whether each was fresh. */
function recordingSender(policy = LOSS_PROOF_POLICY) {
  const sent: { frame: NoteFrame; fresh: boolean; at: number }[] = [];
  const sender = new NoteSender((bytes, fresh) => {
    const frame = decodePeerFrame(bytes);
    if (frame?.type !== PeerFrameType.Notes) throw new Error("not a notes frame");
    sent.push({ frame, fresh, at: Date.now() });
  }, policy);
  return { sender, sent };
}
const seqsOf = (frame: NoteFrame) => frame.events.map((event) => event.seq);

describe("NoteSender", () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it("numbers events and sends each with the two before it and what is held", () => {
    const { sender, sent } = recordingSender();
    sender.send(on(60, 0));
    sender.send(on(64, 100));
    sender.send(off(60, 200));
    sender.send({ type: PeerMessageType.Pedal, down: true, t: 300 });
    expect(sent.map(({ frame }) => seqsOf(frame))).toEqual([[0], [0, 1], [0, 1, 2], [1, 2, 3]]);
    expect(sent.every(({ fresh }) => fresh)).toBe(true);
    expect(sent.map(({ frame }) => frame.state)).toEqual([
      { pedal: false, keys: [60] },
      { pedal: false, keys: [60, 64] },
      { pedal: false, keys: [64] },
      { pedal: true, keys: [64] },
    ]);
    expect(sent[3]!.frame.events[0]!.message).toEqual(on(64, 100));
  });

  it("carries a whole chord in every frame, however many notes it has", () => {
    const { sender, sent } = recordingSender();
    for (let i = 0; i < 6; i++) sender.send(on(60 + i, 1000 + i));
    sender.send(on(80, 1500)); // well after the chord: only two earlier ones
    expect(sent.map(({ frame }) => frame.events.length)).toEqual([1, 2, 3, 4, 5, 6, 3]);
  });

  it("sends the last frame again on the schedule, then while anything is held", () => {
    const { sender, sent } = recordingSender();
    sender.send(on(60, 0));
    vi.advanceTimersByTime(1500);
    const repeats = sent.slice(1);
    expect(repeats.map(({ at }) => at)).toEqual(LOSS_PROOF_POLICY.repeatAfterMs);
    expect(repeats.every(({ fresh, frame }) => !fresh && seqsOf(frame).join() === "0")).toBe(true);
    vi.advanceTimersByTime(2000);
    expect(sent.slice(-2).map(({ at }) => at)).toEqual([2500, 3500]);
    // Let go: the repeats of the release, then nothing.
    const released = sent.length;
    sender.send(off(60, 3600));
    vi.advanceTimersByTime(10_000);
    const afterRelease = sent.slice(released + 1);
    expect(afterRelease).toHaveLength(LOSS_PROOF_POLICY.repeatAfterMs.length);
    expect(afterRelease.at(-1)!.frame.state).toEqual({ pedal: false, keys: [] });
  });

  it("sends a note-on five times before a receiver would call it late", () => {
    const { sender, sent } = recordingSender();
    sender.send(on(60, 0));
    vi.advanceTimersByTime(LATE_NOTE_MS - 1);
    // At 5 % loss all five copies are lost once in 3 million notes; three copies (the
    // first schedule) lost a note once in 8,000: a note every few runs of the lossy e2e test.
    expect(sent.filter(({ frame }) => seqsOf(frame).includes(0))).toHaveLength(5);
    sender.destroy();
  });

  it("starts the schedule over with each new event, so a fast phrase sends few repeats", () => {
    const { sender, sent } = recordingSender();
    for (let i = 0; i < 10; i++) {
      sender.send(on(60 + i, i * 5));
      vi.advanceTimersByTime(5);
    }
    expect(sent.filter(({ fresh }) => !fresh)).toHaveLength(0);
    sender.destroy();
    sender.destroy();
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(10);
    sender.send(on(1, 0));
    expect(sent).toHaveLength(10);
  });

  it("with the plain policy, sends each event alone, once, without state", () => {
    const { sender, sent } = recordingSender(PLAIN_POLICY);
    sender.send(on(60, 0));
    sender.send(off(60, 1));
    vi.advanceTimersByTime(5000);
    expect(sent.map(({ frame }) => frame)).toEqual([
      { type: PeerFrameType.Notes, events: [{ seq: 0, message: on(60, 0) }] },
      { type: PeerFrameType.Notes, events: [{ seq: 1, message: off(60, 1) }] },
    ]);
  });

  it("forgets what was held on reset and numbers on", () => {
    const { sender, sent } = recordingSender();
    sender.send(on(60, 0));
    sender.reset();
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
    sender.send(on(62, 10));
    expect(sent[1]!.frame).toMatchObject({ events: [{ seq: 1 }], state: { keys: [62] } });
  });
});
