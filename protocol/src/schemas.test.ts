import { describe, expect, it } from "vitest";
import { LIMITS } from "./limits";
import { joinRequestSchema, outgoingSignalSchema, parseWith } from "./schemas";

describe("join request schema", () => {
  it("keeps a name's look: compatibility forms folded (NFKC), emoji sequences whole", () => {
    const parsed = (name: string) => parseWith(joinRequestSchema, { room: "a", name });
    expect(parsed("\uFF21da")).toEqual({ ok: true, value: { room: "a", name: "Ada" } });
    expect(parsed("Ada \u{1F469}\u200D\u{1F3A4}")).toEqual({
      ok: true,
      value: { room: "a", name: "Ada \u{1F469}\u200D\u{1F3A4}" },
    });
  });

  it("accepts a room and a name, trimming the name", () => {
    expect(parseWith(joinRequestSchema, { room: "jam-42_x", name: "  Ada  " })).toEqual({
      ok: true,
      value: { room: "jam-42_x", name: "Ada" },
    });
  });

  it.each([
    ["not an object", "room"],
    ["null", null],
    ["missing name", { room: "a" }],
    ["empty room", { room: "", name: "a" }],
    ["room with a slash", { room: "../etc", name: "a" }],
    ["room with spaces", { room: "a b", name: "a" }],
    ["room too long", { room: "r".repeat(LIMITS.roomNameLength + 1), name: "a" }],
    ["blank name", { room: "a", name: "   " }],
    ["name too long", { room: "a", name: "n".repeat(LIMITS.displayNameLength + 1) }],
    ["name with control characters", { room: "a", name: "a\u0000b" }],
    ["name with a right-to-left override", { room: "a", name: "Ada\u202Enimda" }],
    ["name with a zero-width space", { room: "a", name: "Ad\u200Ba" }],
    ["name as a number", { room: "a", name: 5 }],
    ["extra fields", { room: "a", name: "b", admin: true }],
  ])("rejects %s with a message", (_label, raw) => {
    const parsed = parseWith(joinRequestSchema, raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(3);
  });
});

describe("outgoing signal schema", () => {
  it.each([
    { to: "abc", data: { type: "offer", sdp: "v=0" } },
    { to: "abc", data: { type: "answer", sdp: "v=0" } },
    { to: "abc", data: { type: "candidate", candidate: { candidate: "c", sdpMLineIndex: 0 } } },
    { to: "abc", data: { type: "renegotiate", renegotiate: true } },
  ])("accepts %o", (raw) => {
    expect(parseWith(outgoingSignalSchema, raw).ok).toBe(true);
  });

  it.each([
    ["no target", { data: { type: "offer", sdp: "v=0" } }],
    ["unknown type", { to: "a", data: { type: "hack", sdp: "" } }],
    [
      "oversized sdp",
      { to: "a", data: { type: "offer", sdp: "x".repeat(LIMITS.signalBytes + 1) } },
    ],
    ["candidate as a string", { to: "a", data: { type: "candidate", candidate: "c" } }],
    ["deep junk", { to: "a", data: { type: "offer", sdp: "v", more: { a: { b: {} } } } }],
  ])("rejects %s", (_label, raw) => {
    expect(parseWith(outgoingSignalSchema, raw).ok).toBe(false);
  });
});
