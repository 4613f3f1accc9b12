import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useE2eHarness, type Device } from "./support/e2eHarness";

const LAPTOP: Device = { viewport: { width: 1280, height: 720 } };
const PHONE: Device = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
};

/** axe-core's serious and critical findings on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

describe("accessibility (axe-core): no serious or critical violation", () => {
  const harness = useE2eHarness();

  for (const [size, device] of [
    ["laptop", LAPTOP],
    ["phone", PHONE],
  ] as const) {
    it(`on the landing page and a room page, at ${size} size`, async () => {
      const landing = await harness.newPage("Ada", undefined, device);
      await landing.goto(`${harness.origin}/`);
      await landing.waitForSelector(".public-rooms ul, .public-rooms .hint");
      // The samples' license asks for their credit: it is on every page.
      await landing.getByText("About NicePiano").click();
      expect(await landing.locator(".about").textContent()).toMatch(
        /Salamander Grand Piano V3 by Alexander Holm, under CC BY 3\.0/,
      );
      expect(await seriousViolations(landing)).toEqual([]);

      const room = await harness.openRoom(`a11y-${size}`, { name: "Ada", device });
      if (size === "phone") {
        expect(await seriousViolations(room)).toEqual([]);
        await room.getByRole("button", { name: "Players, chat, settings" }).click();
      }
      await room.getByLabel("Message to the room").fill("hello");
      await room.getByLabel("Message to the room").press("Enter");
      await room.waitForSelector(".chat-log li");
      await room.getByText("View", { exact: true }).click();
      expect(await seriousViolations(room)).toEqual([]);
    });
  }
});
