import { freshRoomSettings, PeerMessageType, type PlayMessage } from "@nicepiano/protocol";
import mitt from "mitt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RemotePlayers } from "./remotePlayers";
import type { SessionEvents } from "../room/sessionEvents";

const noteOn = (note: number): PlayMessage => ({
  type: PeerMessageType.NoteOn,
  note,
  velocity: 80,
  t: 0,
});

function setUp(limit = { perSecond: 10, burst: 20, muteMs: 5000 }) {
  const session = { events: mitt<SessionEvents>() };
  const piano = { apply: vi.fn(), releaseAll: vi.fn() };
  const players = new RemotePlayers(session, piano, { limit });
  const muted: string[] = [];
  players.events.on("muted", (peer) => muted.push(peer));
  return { session, piano, players, muted };
}

describe("RemotePlayers", () => {
  // limiter's buckets read performance.now(): fake it with the timers.
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  it("plays what players send within their limit", () => {
    const { session, piano } = setUp();
    for (let i = 0; i < 20; i++) session.events.emit("play", { from: "ada", message: noteOn(60) });
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 10; i++) session.events.emit("play", { from: "ada", message: noteOn(62) });
    expect(piano.apply).toHaveBeenCalledTimes(30);
  });

  it("mutes a flooding player here for a while, lets go of what they held, then plays them again", () => {
    const { session, piano, players, muted } = setUp();
    for (let i = 0; i < 25; i++)
      session.events.emit("play", { from: "mallory", message: noteOn(60) });
    session.events.emit("play", { from: "ada", message: noteOn(64) });
    expect(muted).toEqual(["mallory"]);
    expect(players.isMuted("mallory")).toBe(true);
    expect(piano.releaseAll).toHaveBeenCalledWith("mallory");
    // 20 from Mallory (the burst) and Ada's one; nothing more from Mallory while muted.
    expect(piano.apply).toHaveBeenCalledTimes(21);
    vi.advanceTimersByTime(4999);
    session.events.emit("play", { from: "mallory", message: noteOn(61) });
    expect(piano.apply).toHaveBeenCalledTimes(21);
    vi.advanceTimersByTime(1);
    expect(players.isMuted("mallory")).toBe(false);
    session.events.emit("play", { from: "mallory", message: noteOn(61) });
    expect(piano.apply).toHaveBeenCalledTimes(22);
  });

  it("lets go of a player's keys and pedal when they leave or their channel closes", () => {
    const { session, piano } = setUp();
    session.events.emit("peerState", { peer: "ada", state: "open" });
    expect(piano.releaseAll).not.toHaveBeenCalled();
    session.events.emit("peerState", { peer: "ada", state: "closed" });
    session.events.emit("memberLeft", "bob");
    expect(piano.releaseAll.mock.calls).toEqual([["ada"], ["bob"]]);
  });

  it("plays nothing from a player the room's owner muted for everyone, until unmuted", () => {
    const { session, piano } = setUp();
    const settings = { ...freshRoomSettings("ada", 16), muted: ["bob"] };
    session.events.emit("settings", settings);
    expect(piano.releaseAll).toHaveBeenCalledWith("bob");
    session.events.emit("play", { from: "bob", message: noteOn(60) });
    session.events.emit("play", { from: "ada", message: noteOn(62) });
    expect(piano.apply).toHaveBeenCalledTimes(1);
    session.events.emit("settings", { ...settings, muted: [] });
    session.events.emit("play", { from: "bob", message: noteOn(60) });
    expect(piano.apply).toHaveBeenCalledTimes(2);
  });

  it("plays each player at this listener's volume, silent at 0 without holding keys", () => {
    const { session, piano, players } = setUp();
    players.setVolume("ada", 0.5);
    session.events.emit("play", { from: "ada", message: noteOn(60) });
    expect(piano.apply).toHaveBeenLastCalledWith("ada", { ...noteOn(60), velocity: 40 }, undefined);
    players.setVolume("ada", 0);
    expect(piano.releaseAll).toHaveBeenCalledWith("ada");
    session.events.emit("play", { from: "ada", message: noteOn(62) });
    const off: PlayMessage = { type: PeerMessageType.NoteOff, note: 60, velocity: 0, t: 0 };
    session.events.emit("play", { from: "ada", message: off });
    expect(piano.apply.mock.calls.map((call): unknown => call[1])).toEqual([
      { ...noteOn(60), velocity: 40 },
      off,
    ]);
    expect(players.volumeOf("bob")).toBe(1);
  });

  it("stops listening when destroyed, twice safely", () => {
    const { session, piano, players } = setUp();
    for (let i = 0; i < 25; i++)
      session.events.emit("play", { from: "mallory", message: noteOn(60) });
    players.destroy();
    players.destroy();
    session.events.emit("play", { from: "ada", message: noteOn(60) });
    expect(piano.apply).toHaveBeenCalledTimes(20);
    expect(vi.getTimerCount()).toBe(0);
  });
});
