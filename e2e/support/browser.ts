import { networkInterfaces } from "node:os";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium, headless, in a fresh profile (Playwright makes one per launch), with WebRTC host candidates as plain addresses and audio
 * allowed to start without a gesture (see shared/TESTING.md).
 */
export async function launchChromium(
  /** Origins to treat as secure: Web MIDI exists only in secure contexts. */
  secureOrigins: string[] = [],
): Promise<{ browser: Browser; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
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
    ],
  });
  return {
    browser,
    close: () => browser.close(),
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
