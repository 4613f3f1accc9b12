import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { count, text, useE2eHarness } from "./support/e2eHarness";

const write = async (page: Page, text: string) => {
  await page.getByLabel("Message to the room").fill(text);
  await page.getByLabel("Message to the room").press("Enter");
};
const lines = (page: Page) => page.locator(".chat-log li .chat-text").allTextContents();

describe("the room's chat, in two browsers", () => {
  const harness = useE2eHarness();

  it("carries messages both ways as text, hides a sender for one reader, and follows the owner's chat-off and mutes", async () => {
    const ada = await harness.openRoom("chatter", { name: "Ada" });
    const bob = await harness.openRoom("chatter", { name: "Bob" });
    await expect.poll(() => count(bob, "li[data-peer]"), { timeout: 10_000 }).toBe(2);

    // Markup is shown as written; an https address is a link, opened apart from the room.
    const markup = `<img src=x onerror="window.__owned=1"> see https://example.test/score.`;
    await write(ada, markup);
    await expect.poll(() => lines(bob)).toEqual([markup]);
    expect(await bob.evaluate(() => (window as { __owned?: number }).__owned)).toBeUndefined();
    expect(await count(bob, ".chat-log img")).toBe(0);
    const link = bob.locator(".chat-log a");
    expect(await link.getAttribute("href")).toBe("https://example.test/score");
    expect(await link.getAttribute("rel")).toContain("noopener");
    // Typing a message plays no note.
    expect(await ada.evaluate(() => window.__audioStarts)).toBe(0);

    await write(bob, "hi Ada");
    await expect.poll(() => lines(ada)).toEqual([markup, "hi Ada"]);
    // A newcomer reads what was said.
    const cy = await harness.openRoom("chatter", { name: "Cy" });
    await expect.poll(() => lines(cy)).toEqual([markup, "hi Ada"]);

    // Ada hides Bob's messages for herself: Cy still reads them.
    await ada.getByRole("button", { name: "Hide Bob's messages here" }).click();
    await write(bob, "anyone?");
    await expect.poll(() => lines(cy)).toContain("anyone?");
    expect(await lines(ada)).toEqual([markup]);
    await ada.getByRole("button", { name: "Show Bob's messages" }).click();
    await expect.poll(() => lines(ada)).toContain("anyone?");

    // The owner turns the chat off: every page says so.
    await ada.getByLabel("Chat on (off: nobody may write)").uncheck();
    await expect.poll(() => bob.getByLabel("Message to the room").isDisabled()).toBe(true);
    // (That the server refuses it whatever a page sends: signaling/test/chat.int.test.ts.)
    await ada.getByLabel("Chat on (off: nobody may write)").check();
    await expect.poll(() => bob.getByLabel("Message to the room").isDisabled()).toBe(false);

    // The owner's notice: every page shows it as text, a newcomer too.
    await ada.getByLabel("Room notice (everyone sees it)").fill("Tonight: <i>blues</i> in F");
    await ada.getByRole("button", { name: "Set notice" }).click();
    const notices = (page: Page) => page.locator(".room-notice").allTextContents();
    await expect
      .poll(() => notices(bob), { timeout: 10_000 })
      .toEqual(["Notice Tonight: <i>blues</i> in F"]);
    const dee = await harness.openRoom("chatter", { name: "Dee" });
    expect(await text(dee, ".room-notice")).toBe("Notice Tonight: <i>blues</i> in F");

    // The owner mutes Bob's chat for everyone.
    await ada.getByRole("button", { name: "Mute Bob's chat for everyone" }).click();
    await expect.poll(() => bob.getByLabel("Message to the room").isDisabled()).toBe(true);
  });
});
