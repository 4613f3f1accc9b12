import { describe, expect, it } from "vitest";
import { parseMidiMessage } from "./parseMidiMessage";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("parseMidiMessage", () => {
  it.each(Array.from({ length: 16 }, (_, channel) => channel))(
    "reads notes and the sustain pedal on channel %i",
    (channel) => {
      expect(parseMidiMessage(bytes(0x90 | channel, 60, 100))).toEqual({
        kind: "noteOn",
        note: 60,
        velocity: 100,
      });
      expect(parseMidiMessage(bytes(0x80 | channel, 60, 40))).toEqual({
        kind: "noteOff",
        note: 60,
        velocity: 40,
      });
      expect(parseMidiMessage(bytes(0xb0 | channel, 64, 127))).toEqual({
        kind: "pedal",
        down: true,
      });
      expect(parseMidiMessage(bytes(0xb0 | channel, 64, 0))).toEqual({
        kind: "pedal",
        down: false,
      });
    },
  );

  it("treats note-on with velocity 0 as note-off", () => {
    expect(parseMidiMessage(bytes(0x93, 21, 0))).toEqual({
      kind: "noteOff",
      note: 21,
      velocity: 0,
    });
  });

  it("puts the pedal down from value 64", () => {
    expect(parseMidiMessage(bytes(0xb0, 64, 63))).toEqual({ kind: "pedal", down: false });
    expect(parseMidiMessage(bytes(0xb0, 64, 64))).toEqual({ kind: "pedal", down: true });
  });

  it.each([
    ["other controllers", bytes(0xb0, 7, 100)],
    ["program change", bytes(0xc0, 5)],
    ["pitch bend", bytes(0xe0, 0, 64)],
    ["aftertouch", bytes(0xa0, 60, 10)],
    ["system messages", bytes(0xf8, 0, 0)],
    ["running status (data byte first)", bytes(60, 100, 61)],
    ["data byte out of range", bytes(0x90, 200, 10)],
    ["truncated", bytes(0x90, 60)],
    ["empty", bytes()],
  ])("ignores %s", (_label, data) => {
    expect(parseMidiMessage(data)).toBeNull();
  });
});
