import { describe, expect, it } from "vitest";
import { newPeerKey, peerIdOf, peerKeySchema } from "./peerKeys";

describe("peer keys", () => {
  it("makes fresh keys the schema accepts", () => {
    const keys = Array.from({ length: 100 }, newPeerKey);
    expect(new Set(keys).size).toBe(100);
    for (const key of keys) expect(peerKeySchema.safeParse(key).success).toBe(true);
  });

  it("derives the same short id from a key every time, and different ids from different keys", async () => {
    const key = newPeerKey();
    const id = await peerIdOf(key);
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await peerIdOf(key)).toBe(id);
    expect(await peerIdOf(newPeerKey())).not.toBe(id);
  });
});
