import { PeerMessageType } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import type { PianoOutput } from "./pianoOutput";
import { SharedPiano } from "./sharedPiano";
import { noteOff, noteOn, pedal } from "../testing/playMessages";

/** Records what the piano was told to do, in order. */
function recordingOutput(): PianoOutput & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    keyDown: (note, velocity) => log.push(`down ${note} ${velocity}`),
    keyUp: (note) => log.push(`up ${note}`),
    pedalDown: () => log.push("pedal down"),
    pedalUp: () => log.push("pedal up"),
  };
}

const on = (note: number, velocity = 80) => noteOn(note, velocity);
const off = (note: number) => noteOff(note);

describe("SharedPiano", () => {
  it("plays and releases a key", () => {
    const output = recordingOutput();
    const piano = new SharedPiano(output);
    piano.apply("a", on(60, 100));
    expect(piano.holdersOf(60)).toEqual(["a"]);
    piano.apply("a", off(60));
    expect(output.log).toEqual(["down 60 100", "up 60"]);
    expect(piano.holdersOf(60)).toEqual([]);
  });

  it("keeps a key sounding until its last holder lets go", () => {
    const output = recordingOutput();
    const piano = new SharedPiano(output);
    piano.apply("a", on(60));
    piano.apply("b", on(60));
    piano.apply("a", off(60));
    expect(output.log).toEqual(["down 60 80", "down 60 80"]);
    piano.apply("b", off(60));
    expect(output.log.at(-1)).toBe("up 60");
  });

  it("ignores a release from someone who does not hold the key", () => {
    const output = recordingOutput();
    const piano = new SharedPiano(output);
    piano.apply("a", on(60));
    piano.apply("b", off(60));
    expect(output.log).toEqual(["down 60 80"]);
  });

  it("holds the pedal while anyone holds it", () => {
    const output = recordingOutput();
    const piano = new SharedPiano(output);
    piano.apply("a", pedal(true));
    piano.apply("b", pedal(true));
    piano.apply("a", pedal(false));
    expect(piano.pedalDown).toBe(true);
    piano.apply("b", pedal(false));
    expect(output.log).toEqual(["pedal down", "pedal up"]);
  });

  it("releases every key and the pedal of a player who leaves, and nobody else's", () => {
    const output = recordingOutput();
    const changed: number[] = [];
    const piano = new SharedPiano(output);
    piano.events.on("keys", ({ notes }) => changed.push(...notes));
    piano.apply("gone", on(60));
    piano.apply("gone", on(64));
    piano.apply("gone", pedal(true));
    piano.apply("stays", on(67));
    output.log.length = 0;
    piano.releaseAll("gone");
    expect(output.log.sort()).toEqual(["pedal up", "up 60", "up 64"]);
    expect(piano.holdersOf(67)).toEqual(["stays"]);
    expect(changed).toContain(64);
  });

  it("tells what it plays, player by player, a departure's held keys as releases", () => {
    const piano = new SharedPiano(recordingOutput());
    const heard: string[] = [];
    piano.events.on("played", ({ player, message, inMs }) =>
      heard.push(`${player} ${message.type} ${"note" in message ? message.note : ""} ${inMs}`),
    );
    piano.apply("a", on(60), { time: 1, inMs: 40 });
    piano.apply("a", on(20));
    piano.apply("b", { type: PeerMessageType.Pedal, down: true, t: 0 });
    piano.releaseAll("a");
    piano.releaseAll("b");
    expect(heard).toEqual([
      `a ${PeerMessageType.NoteOn} 60 40`,
      `b ${PeerMessageType.Pedal}  0`,
      `a ${PeerMessageType.NoteOff} 60 0`,
      `b ${PeerMessageType.Pedal}  0`,
    ]);
  });

  it("ignores notes off the 88 keys", () => {
    const output = recordingOutput();
    const piano = new SharedPiano(output);
    piano.apply("a", on(20));
    piano.apply("a", on(109));
    expect(output.log).toEqual([]);
  });
});
