import { newPeerKey, peerIdOf } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { memberIdOf } from "./memberIds";

describe("member ids on the server", () => {
  it("are the protocol's ids for the same keys", async () => {
    for (let i = 0; i < 50; i++) {
      const key = newPeerKey();
      expect(memberIdOf(key)).toBe(await peerIdOf(key));
    }
    expect(memberIdOf("A".repeat(64))).toBe(await peerIdOf("A".repeat(64)));
  });
});
