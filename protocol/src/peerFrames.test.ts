import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, MAX_FRAME_BYTES } from "./peerFrames";

describe("peer frames", () => {
  it("carry a sequence number and the message, both ways", () => {
    const message = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    for (const seq of [0, 1, 65_536, 2 ** 32 - 1]) {
      const decoded = decodeFrame(encodeFrame(seq, message));
      expect(decoded?.seq).toBe(seq);
      expect([...decoded!.message]).toEqual([...message]);
    }
  });

  it("refuses what cannot be a frame", () => {
    expect(decodeFrame(new Uint8Array(4))).toBeNull();
    expect(decodeFrame(new Uint8Array(MAX_FRAME_BYTES + 1))).toBeNull();
  });
});
