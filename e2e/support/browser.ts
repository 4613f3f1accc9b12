import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/**
 * Debian's Chromium, headless, in a fresh profile (Playwright makes one per launch), with WebRTC host candidates as plain addresses and audio
 * allowed to start without a gesture (see shared/TESTING.md).
 */
export async function launchChromium(
  /** Origins to treat as secure: Web MIDI exists only in secure contexts. */
  secureOrigins: string[] = [],
  /** A network namespace to run it in (the NAT lab). */
  netns?: string,
): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  let wrapperDir: string | undefined;
  let executablePath = chromiumPath;
  if (netns) {
    // Playwright starts the executable it is given: a script that enters the namespace.
    wrapperDir = mkdtempSync(join(tmpdir(), "np-chromium-ns-"));
    executablePath = join(wrapperDir, "chromium");
    writeFileSync(executablePath, `#!/bin/sh\nexec ip netns exec ${netns} ${chromiumPath} "$@"\n`, {
      mode: 0o755,
    });
  }
  const browser = await chromium.launch({
    executablePath,
    args: chromiumArgs(secureOrigins),
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      if (wrapperDir) rmSync(wrapperDir, { recursive: true, force: true });
    },
  };
}

/** Chromium's switches for tests: see `launchChromium`. */
function chromiumArgs(secureOrigins: string[]): string[] {
  return [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    "--autoplay-policy=no-user-gesture-required",
    ...(secureOrigins.length > 0
      ? [`--unsafely-treat-insecure-origin-as-secure=${secureOrigins.join(",")}`]
      : []),
  ];
}

/**
 * Chromium as a person runs it: one profile on disk, not Playwright's incognito-like
 * contexts (in which, for one, no app can be installed). The profile goes with `close`.
 */
export async function launchChromiumProfile(
  secureOrigins: string[] = [],
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "np-chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs(secureOrigins),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The address of this test host's own interface in the test network namespace. Chromium
 * gathers no ICE candidates on loopback alone, so pages must reach the server here.
 */
export function testHostAddress(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === "IPv4" && !address.internal && address.address.startsWith("10.77.")) {
        return address.address;
      }
    }
  }
  throw new Error(
    "No test network namespace: run end-to-end tests through `npm test` (scripts/in-netns.sh).",
  );
}
