import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BenchPeer } from "../loadtest/src/bench/benchPeerPool";
import { startNatLab, type NatLabServices } from "../loadtest/src/natLabRoom";
import { launchChromium } from "./support/browser";
import { PAGE_PROBES } from "./support/pageProbes";

describe("a browser behind a NAT (network namespace lab)", () => {
  let services: NatLabServices;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  const nodePlayers: BenchPeer[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    services = await startNatLab();
    ({ browser, close: closeBrowser } = await launchChromium(
      [services.withTurn.url],
      services.lab.ns("home-a"),
    ));
  });
  afterAll(async () => {
    for (const player of nodePlayers) player.stop();
    await closeBrowser?.();
    await services?.close();
    expect(problems).toEqual([]);
  });

  /** The browser in home-a and a Node player in home-b, in one room of `server`. */
  const meet = async (server: "withTurn" | "withoutTurn", room: string) => {
    const context = await browser.newContext();
    await context.addInitScript(PAGE_PROBES);
    const page = await context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("request", (request) => {
      const { protocol, hostname } = new URL(request.url());
      const network = /^(https?|wss?):$/.test(protocol);
      if (network && hostname !== services.lab.publicIp) {
        problems.push(`request to ${request.url()}`);
      }
    });
    const url = services[server].url;
    await page.goto(`${url}/r/${room}`);
    await page.waitForSelector("li[data-self]", { timeout: 20_000 });
    const player = new BenchPeer(services.lab.ns("home-b"));
    nodePlayers.push(player);
    const waitFor = server === "withTurn" ? "channels" : "members";
    await player.request(
      { type: "join", path: "p2p", url, room, name: "Node behind NAT", expectPeers: 1, waitFor },
      "joined",
    );
    return { page, player, other: page.locator("li[data-peer]:not([data-self])") };
  };

  it("reaches a player behind another NAT through coturn, says so, and hears them", async () => {
    const { page, player, other } = await meet("withTurn", "nat-turn");
    await expect
      .poll(() => other.getAttribute("data-connection"), { timeout: 15_000 })
      .toBe("turn");
    expect(await other.locator(".state").textContent()).toBe("via TURN relay");
    await player.request({ type: "send", count: 20, intervalMs: 20 }, "sent");
    await expect.poll(() => page.locator(".key[data-lit]").count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it("plays through the server when no path opens, and says so", async () => {
    const { page, player, other } = await meet("withoutTurn", "nat-fallback");
    await expect
      .poll(() => other.getAttribute("data-connection"), { timeout: 15_000 })
      .toBe("server");
    expect(await other.locator(".state").textContent()).toBe("via server");
    await player.request({ type: "send", count: 20, intervalMs: 20 }, "sent");
    await expect.poll(() => page.locator(".key[data-lit]").count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
