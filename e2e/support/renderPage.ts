import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import type { Request, Response } from "express";
import { securityHeaders } from "../../signaling/src/http/securityHeaders";
import { testHostAddress } from "./browser";

const REPO = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Vite's dev server for the render page (`e2e/render/offlinePiano.html`): the piano's own
 * source, compiled as it is asked for, with `/samples/` passed to the real server at
 * `samplesOrigin`. Its pages run under the app's own Content-Security-Policy.
 */
export async function startRenderServer(samplesOrigin: string): Promise<ViteDevServer> {
  const server = await createServer({
    configFile: false,
    root: REPO,
    logLevel: "silent",
    plugins: [
      {
        name: "nicepiano-security-headers",
        configureServer: (dev) => {
          const headers = securityHeaders({ backend: "embedded" });
          // Helmet only sets headers: Node's own request and response are all it touches.
          // Its opener policy is left out: Chromium treats only the server's port as secure.
          dev.middlewares.use((req, res, next) => {
            headers(req as Request, res as Response, () => {
              res.removeHeader("Cross-Origin-Opener-Policy");
              next();
            });
          });
        },
      },
    ],
    optimizeDeps: { noDiscovery: true, include: [] },
    server: {
      host: testHostAddress(),
      port: 0,
      hmr: false,
      fs: { allow: [REPO] },
      proxy: { "/samples": samplesOrigin },
    },
  });
  await server.listen();
  return server;
}

/** Opens the render page and waits until its renders are there. */
export async function openRenderPage(page: Page, server: ViteDevServer): Promise<void> {
  const address = server.httpServer!.address();
  if (!address || typeof address === "string") throw new Error("the render server has no port");
  await page.goto(`http://${testHostAddress()}:${address.port}/e2e/render/offlinePiano.html`);
  await page.waitForFunction(() => window.pianoRender !== undefined, null, { timeout: 30_000 });
}
