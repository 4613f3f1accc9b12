import { roomNameSchema } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { randomGuestName, randomRoomName } from "./names";

describe("generated names", () => {
  it("makes room names that are valid and differ", () => {
    const names = new Set(Array.from({ length: 50 }, randomRoomName));
    for (const name of names) expect(roomNameSchema.safeParse(name).success).toBe(true);
    expect(names.size).toBeGreaterThan(45);
  });

  it("makes guest names of two capitalised words", () => {
    expect(randomGuestName()).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
  });
});
