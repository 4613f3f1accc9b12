import { roomNameSchema } from "@nicepiano/protocol";
import { describe, expect, it } from "vitest";
import { ADJECTIVES, randomGuestName, randomRoomName } from "./names";

describe("generated names", () => {
  it("makes room names that are valid and differ", () => {
    const names = new Set(Array.from({ length: 50 }, randomRoomName));
    for (const name of names) expect(roomNameSchema.safeParse(name).success).toBe(true);
    expect(names.size).toBeGreaterThan(45);
  });

  it("makes guest names of a capitalised adjective and an animal", () => {
    for (let i = 0; i < 50; i++) {
      const [adjective, animal] = randomGuestName().split(" ");
      expect(ADJECTIVES).toContain(adjective!.toLowerCase());
      expect(adjective![0]).toMatch(/[A-Z]/);
      expect(animal).toMatch(/^[A-Z][a-z]+$/);
    }
  });
});
