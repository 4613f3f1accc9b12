import { PeerMessageType, type Playback, type RecordedEvent } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PlaybackScheduler, playbackPlayer } from "./playbackScheduler";

const events: RecordedEvent[] = [
  [0, PeerMessageType.NoteOn, 60, 90],
  [100, PeerMessageType.NoteOff, 60, 0],
  [200, PeerMessageType.Pedal, 1, 0],
  [300, PeerMessageType.NoteOn, 64, 70],
  [400, PeerMessageType.NoteOff, 64, 0],
  [450, PeerMessageType.Pedal, 0, 0],
];

const playback = (overrides: Partial<Playback> = {}): Playback => ({
  id: "p1",
  recordingId: "r1",
  recordingName: "Scale",
  by: "ada",
  startAt: 10_000,
  durationMs: 500,
  loop: false,
  events,
  ...overrides,
});

describe("PlaybackScheduler", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000 - 400);
  });
  afterEach(() => vi.useRealTimers());

  const schedulerLog = () => {
    const played: [string, PeerMessageType, number][] = [];
    const ended: string[] = [];
    const scheduler = new PlaybackScheduler({
      now: () => Date.now(),
      onEvent: (player, message, at) => played.push([player, message.type, at]),
      onEnd: (player) => ended.push(player),
      lookaheadMs: 50,
      tickMs: 20,
    });
    return { scheduler, played, ended };
  };

  it("hands every event over just ahead of its exact room time, then ends", () => {
    const { scheduler, played, ended } = schedulerLog();
    scheduler.start(playback());
    vi.advanceTimersByTime(340);
    expect(played).toEqual([]); // 60 ms before the start: not yet
    vi.advanceTimersByTime(20);
    expect(played.map(([, , at]) => at)).toEqual([10_000]);
    vi.advanceTimersByTime(1000);
    expect(played.map(([, , at]) => at)).toEqual([10_000, 10_100, 10_200, 10_300, 10_400, 10_450]);
    expect(played.every(([player]) => player === playbackPlayer("p1"))).toBe(true);
    expect(ended).toEqual([playbackPlayer("p1")]);
    expect(scheduler.playing).toEqual([]);
  });

  it("loops seamlessly: pass n starts exactly n durations after the start", () => {
    const { scheduler, played } = schedulerLog();
    scheduler.start(playback({ loop: true }));
    vi.advanceTimersByTime(400 + 3 * 500 - 60);
    const noteOns = played
      .filter(([, type]) => type === PeerMessageType.NoteOn)
      .map(([, , at]) => at);
    expect(noteOns).toEqual([10_000, 10_300, 10_500, 10_800, 11_000, 11_300]);
    scheduler.stop("p1");
    const count = played.length;
    vi.advanceTimersByTime(2000);
    expect(played).toHaveLength(count);
  });

  it("joins a loop under way at the current pass, without replaying the past", () => {
    vi.setSystemTime(10_000 + 2 * 500 + 250); // third pass, between the two notes
    const { scheduler, played } = schedulerLog();
    scheduler.start(playback({ loop: true }));
    vi.advanceTimersByTime(60);
    expect(played.map(([, type, at]) => [type, at])).toEqual([[PeerMessageType.NoteOn, 11_300]]);
  });

  it("drops notes it learns of too late but still applies their releases", () => {
    const { scheduler, played } = schedulerLog();
    vi.setSystemTime(10_000 + 150);
    scheduler.start(playback({ startAt: 10_000 + 60 }));
    // The note-on at +60 is 90 ms late: dropped; its release at +160 plays.
    expect(played[0]).toEqual([playbackPlayer("p1"), PeerMessageType.NoteOff, 10_160]);
  });

  it("plays each track of a room recording as a player of its own", () => {
    const { scheduler, played, ended } = schedulerLog();
    const tracks = [
      { name: "Ada", color: "#e6194b" },
      { name: "Bob", color: "#3cb44b" },
    ];
    scheduler.start(
      playback({
        tracks,
        events: [
          [0, PeerMessageType.NoteOn, 60, 90],
          [10, PeerMessageType.NoteOn, 60, 80, 1],
          [100, PeerMessageType.NoteOff, 60, 0],
          [300, PeerMessageType.NoteOff, 60, 0, 1],
        ],
      }),
    );
    vi.advanceTimersByTime(1000);
    const [ada, bob] = [playbackPlayer("p1"), playbackPlayer("p1", 1)];
    expect(played.map(([player, type]) => [player, type])).toEqual([
      [ada, PeerMessageType.NoteOn],
      [bob, PeerMessageType.NoteOn],
      [ada, PeerMessageType.NoteOff],
      [bob, PeerMessageType.NoteOff],
    ]);
    expect(ended).toEqual([ada, bob]);
  });

  it("is safe to destroy twice and leaves no timer", () => {
    const { scheduler, ended } = schedulerLog();
    scheduler.start(playback({ loop: true }));
    scheduler.start(playback({ id: "p2", loop: true }));
    scheduler.destroy();
    scheduler.destroy();
    expect(ended).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });
});
