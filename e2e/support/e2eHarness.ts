import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { pino } from "pino";
import { afterAll, beforeAll, expect } from "vitest";
import {
  DEFAULT_CONFIG,
  createSignalingServer,
  type RunningServer,
  type ServerConfig,
} from "@nicepiano/signaling";
import { launchChromium, testHostAddress } from "./browser";
import { LIGHT_PIANO, PAGE_PROBES } from "./pageProbes";

export interface OpenOptions {
  /** The guest name the page keeps in localStorage. */
  name?: string;
  /** Init script of the page (the fake MIDI device and audio probes by default). */
  probes?: string;
  /** Wait until the piano samples are loaded (default true). */
  samples?: boolean;
  /** The device the page is on (a laptop's window, 1280 × 720, by default). */
  device?: Device;
}

/** A screen and its input, as Playwright emulates them. */
export interface Device {
  viewport: { width: number; height: number };
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
}

const LAPTOP: Device = { viewport: { width: 1280, height: 720 } };

/**
 * A real server on this test host's address and a headless Chromium, started before the
 * suite's tests and stopped after them. Every page opened through it is watched: a page
 * error, a console error or a missing sample fails the suite.
 */
export function useE2eHarness(
  overrides: Partial<ServerConfig> | (() => Partial<ServerConfig>) = {},
) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  let origin = "";
  const problems: string[] = [];
  /** URLs whose refusals a suite expects (the browser logs each as a console error). */
  const expectedRefusals: RegExp[] = [];

  beforeAll(async () => {
    if (!existsSync(join(DEFAULT_CONFIG.clientDist, "index.html"))) {
      throw new Error("The web app is not built: run `npm run build` first (npm test does).");
    }
    const host = testHostAddress();
    server = await createSignalingServer(
      {
        ...DEFAULT_CONFIG,
        host,
        port: 0,
        ...(typeof overrides === "function" ? overrides() : overrides),
      },
      pino({ level: process.env.E2E_LOG_LEVEL ?? "silent" }),
    );
    const { port } = await server.listen();
    origin = `http://${host}:${port}`;
    ({ browser, close: closeBrowser } = await launchChromium([origin]));
  });
  afterAll(async () => {
    expect(problems).toEqual([]);
    await closeBrowser?.();
    await server?.close();
  });

  const watch = (page: Page, name: string) => {
    page.on("pageerror", (error) => problems.push(`${name}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // A refused request, or a WebSocket that could not connect (it names its address).
      const socket = /^WebSocket connection to '([^']+)' failed/.exec(message.text());
      const refusal = message.text().startsWith("Failed to load resource") || socket !== null;
      const url = socket?.[1] ?? message.location().url;
      if (refusal && expectedRefusals.some((pattern) => pattern.test(url))) return;
      problems.push(`${name}: ${message.text()}`);
    });
    // The network rule: a page talks to this test host only (never a public STUN server,
    // CDN or Google service).
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== new URL(origin).hostname) {
        problems.push(`${name}: request to ${url.origin}`);
      }
    });
    page.on("response", (response) => {
      if (response.url().includes("/samples/") && response.status() >= 400) {
        problems.push(`${name}: ${response.status()} ${response.url()}`);
      }
      // Every page runs under the server's Content-Security-Policy.
      const document = response.request().resourceType() === "document";
      if (document && !response.headers()["content-security-policy"]?.includes("script-src")) {
        problems.push(`${name}: no Content-Security-Policy on ${response.url()}`);
      }
    });
  };
  /** What the policy refused on `page` so far (each also fails the suite as a problem). */
  const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);

  return {
    get origin() {
      return origin;
    },
    get server() {
      return server!;
    },
    /** Lets requests to URLs matching `pattern` be refused without failing the suite. */
    expectRefusals(pattern: RegExp) {
      expectedRefusals.push(pattern);
    },
    /** A page in a fresh browser context (its own storage), watched for errors. */
    async newPage(name = "page", probes = PAGE_PROBES, device = LAPTOP): Promise<Page> {
      const context = await browser!.newContext({ ...device, acceptDownloads: true });
      await context.addInitScript(probes);
      await context.addInitScript(CSP_PROBE);
      await context.addInitScript(
        `localStorage.setItem("nicepiano.name", ${JSON.stringify(name)})`,
      );
      // Light (2 layers): pages that test the room, not the piano, load what they did before
      // Standard's 8 layers, so that pages opened one after another do not starve two cores.
      await context.addInitScript(LIGHT_PIANO);
      const page = await context.newPage();
      watch(page, name);
      return page;
    },
    /** Opens `/r/<room>` and waits until joined (and, by default, the piano loaded). */
    async openRoom(room: string, options: OpenOptions = {}): Promise<Page> {
      const page = await this.newPage(options.name, options.probes, options.device);
      await page.goto(`${origin}/r/${room}`);
      // One page at a time: pages decoding ~175 samples at once starve two cores.
      await page.waitForSelector("li[data-self]", { state: "attached", timeout: 20_000 });
      if (options.samples !== false) await samplesLoaded(page);
      for (const violation of await violations(page)) problems.push(`${room}: CSP ${violation}`);
      return page;
    },
  };
}

/** Keeps each Content-Security-Policy violation the page reports, for the harness to read. */
const CSP_PROBE = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
  });
`;

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

export const count = (page: Page, selector: string) => page.locator(selector).count();
export const text = (page: Page, selector: string) => page.locator(selector).first().textContent();
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Sends MIDI bytes from the page's fake keyboard. */
export const midi = (page: Page, bytes: number[]) =>
  page.evaluate((message) => window.__fakeMidi(message), bytes);

export const samplesLoaded = (page: Page) =>
  expect.poll(() => count(page, "[role=progressbar]"), { timeout: 30_000 }).toBe(0);

/** Waits for `selector` to show `expected`; this machine is slow while pages decode samples. */
export const shows = (page: Page, selector: string, expected: string) =>
  expect.poll(() => text(page, selector), { timeout: 15_000 }).toContain(expected);

/** Creates an account in the room page's account panel (a username, or an email for Firebase). */
export async function signUp(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel(username.includes("@") ? "Email" : "Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await shows(page, ".account", `Signed in as ${username}`);
}

/** Records a take from the fake MIDI keyboard: `play` sends the notes. */
export async function recordTake(page: Page, play: () => Promise<void>): Promise<void> {
  await page.getByRole("button", { name: "● Record" }).click();
  await play();
  await page.getByRole("button", { name: /Stop/ }).click();
}
