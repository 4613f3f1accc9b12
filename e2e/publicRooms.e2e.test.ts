import { describe, expect, it } from "vitest";
import { useE2eHarness } from "./support/e2eHarness";

describe("public rooms on the landing page", () => {
  const harness = useE2eHarness({ listedRoomsRoundMs: 200 });

  it("lists a room its owner makes public, live, with its players, and drops it when private or empty", async () => {
    const visitor = await harness.newPage("Visitor");
    await visitor.goto(`${harness.origin}/`);
    await expect
      .poll(() => visitor.locator(".public-rooms").textContent())
      .toContain("No public room is open now");

    const ada = await harness.openRoom("open-door", { name: "Ada" });
    const bob = await harness.openRoom("open-door", { name: "Bob" });
    await ada.getByLabel("Public: list the room on the front page for anyone to join").check();
    const entry = visitor.locator('.public-rooms li[data-room="open-door"]');
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain("2 players");
    await expect
      .poll(() => bob.locator(".controls").textContent())
      .toContain("This room is public");

    // Ada goes private: the room leaves the list; public again, then everyone leaves.
    await ada.getByLabel("Public: list the room on the front page for anyone to join").uncheck();
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(0);
    await ada.getByLabel("Public: list the room on the front page for anyone to join").check();
    await expect.poll(() => entry.count(), { timeout: 10_000 }).toBe(1);
    await bob.context().close();
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain("1 player");

    // The visitor follows the link in.
    await entry.getByRole("link", { name: "open-door" }).click();
    await visitor.waitForURL(/\/r\/open-door$/);
    await visitor.waitForSelector("li[data-self]", { state: "attached" });
    // Everyone leaves: the room empties, and is gone from the list.
    await ada.context().close();
    await visitor.goto(`${harness.origin}/`);
    await expect
      .poll(() => visitor.locator(".public-rooms").textContent(), { timeout: 10_000 })
      .toContain("No public room is open now");
  });
});
