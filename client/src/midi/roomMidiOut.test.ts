import type { PlayMessage } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import type { Played } from "../audio/sharedPiano";
import { RoomMidiOut } from "./roomMidiOut";
import { noteOff, noteOn, pedal } from "../testing/playMessages";

const on = (note: number) => noteOn(note, 90);
const off = (note: number) => noteOff(note);
const played = (player: string, message: PlayMessage, inMs = 0): Played => ({
  player,
  message,
  inMs,
});

function device() {
  const sent: { data: number[]; at?: number }[] = [];
  return {
    sent,
    port: {
      send: (data: number[], at?: number) => sent.push(at === undefined ? { data } : { data, at }),
    },
  };
}

describe("sending the room to a MIDI output", () => {
  // The local player is "local" on the piano; a playback's notes are its starter's.
  const memberOf = (player: string) => ({ local: "me", "playback:1": "bob" })[player] ?? player;

  it("sends everyone's notes and pedal, a shared key off only when its last player lets go", () => {
    const out = new RoomMidiOut(memberOf, () => 1000);
    const { port, sent } = device();
    out.setPort(port);
    out.play(played("ada", on(60)));
    out.play(played("bob", on(60), 25)); // in 25 ms, as the piano here will sound it
    out.play(played("ada", off(60)));
    out.play(played("ada", pedal(true)));
    out.play(played("bob", pedal(true)));
    out.play(played("ada", pedal(false)));
    out.play(played("bob", off(60)));
    out.play(played("bob", pedal(false)));
    expect(sent).toEqual([
      { data: [0x90, 60, 90] },
      { data: [0x90, 60, 90], at: 1025 },
      { data: [0xb0, 64, 127] },
      { data: [0x80, 60, 0] },
      { data: [0xb0, 64, 0] },
    ]);
  });

  it("leaves out chosen players, the local one and a recording they started included", () => {
    const out = new RoomMidiOut(memberOf);
    const { port, sent } = device();
    out.setPort(port);
    out.leaveOut(["me", "bob"]);
    out.play(played("local", on(60)));
    out.play(played("playback:1", on(62)));
    out.play(played("bob", on(64)));
    out.play(played("ada", on(67)));
    expect(sent.map(({ data }) => data[1])).toEqual([67]);
  });

  it("lets go of what it sent when the port or the players change, so nothing sticks", () => {
    const out = new RoomMidiOut(memberOf);
    const first = device();
    out.setPort(first.port);
    out.play(played("ada", on(60)));
    out.play(played("ada", pedal(true)));
    out.setPort(device().port);
    expect(first.sent.slice(2).map(({ data }) => data)).toEqual([
      [0x80, 60, 0],
      [0xb0, 64, 0],
      [0xb0, 123, 0],
    ]);
    // Ada's release, for a key the new port never got, sends nothing.
    const second = device();
    out.setPort(second.port);
    out.play(played("ada", off(60)));
    expect(second.sent).toEqual([]);
  });
});
