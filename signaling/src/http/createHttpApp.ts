import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { API_BASE } from "@nicepiano/protocol";
import expressStaticGzip from "express-static-gzip";
import express, { type Express } from "express";
import type { Registry } from "prom-client";
import type { Backend } from "../backend";
import type { Logger } from "../logger";
import type { RoomListing } from "../rooms/listedRooms";
import { apiRouter, type ApiGuard } from "./apiRouter";
import { rateLimited } from "./rateLimited";
import type { ReadinessReport } from "./readiness";
import { securityHeaders } from "./securityHeaders";
import type { SampleCatalog } from "../samples/sampleCatalog";

export interface HttpAppOptions {
  clientDist: string;
  samples: SampleCatalog;
  backend: Backend;
  logger: Logger;
  /** What `/readyz` reports. */
  readiness: () => Promise<ReadinessReport>;
  /** What `/metrics` shows, in Prometheus' text format. */
  metrics: Registry;
  guard: ApiGuard;
  /** The rooms listed for anyone to join. */
  listing: RoomListing;
  /** Called once an account's recordings changed (saved, renamed, deleted). */
  recordingsChanged: (accountId: string) => void;
}

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The room page's script in the built app (`RoomPage-<hash>.js`); looked for again after a build. */
function findRoomChunk(clientDist: string): () => string | undefined {
  const assets = join(clientDist, "assets");
  let found: string | undefined;
  return () => {
    if (found && existsSync(join(assets, found))) return found;
    found = existsSync(assets)
      ? readdirSync(assets).find((file) => /^RoomPage-[\w-]+\.js$/.test(file))
      : undefined;
    return found;
  };
}

/** The HTTP side: health (`/healthz` alive, `/readyz` ready), `/metrics`, the API, piano samples, and the web app (`/`, `/r/<room>`). */
export function createHttpApp(options: HttpAppOptions): Express {
  const { clientDist, samples, backend, logger, readiness, metrics, guard, listing } = options;
  const { recordingsChanged } = options;
  const app = express();
  app.disable("x-powered-by");
  app.use(securityHeaders(backend.accountsConfig));
  // req.ip is then the client's address, not the proxy's (see clientAddress.ts).
  app.set("trust proxy", guard.proxyHops);

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });

  // Each costs a store ping or a scrape: a few a second from one address.
  const probe = rateLimited(guard, () => "probe");

  app.get("/readyz", probe, (_req, res, next) => {
    readiness().then((report) => res.status(report.ready ? 200 : 503).json(report), next);
  });

  app.get("/metrics", probe, (_req, res, next) => {
    metrics.metrics().then((text) => res.type(metrics.contentType).send(text), next);
  });

  app.use(API_BASE, apiRouter(backend, logger, guard, listing, recordingsChanged));

  app.get("/samples/:file", (req, res) => {
    const path = samples.get(req.params.file);
    if (!path) {
      res.status(404).json({ error: "no such sample" });
      return;
    }
    // Sample files never change under one name: let browsers keep them.
    res.sendFile(path, { maxAge: ONE_YEAR_MS, immutable: true });
  });

  const indexHtml = join(clientDist, "index.html");
  const roomChunk = findRoomChunk(clientDist);
  // The page itself, in brotli or gzip like the scripts (never cached: it names them).
  const sendIndex = expressStaticGzip(clientDist, {
    enableBrotli: true,
    orderPreference: ["br", "gz"],
    index: false,
    serveStatic: { maxAge: 0 },
  });
  const sendApp = (req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (!existsSync(indexHtml)) {
      res.status(503).type("text").send("The web app is not built yet: run `npm run build`.");
      return;
    }
    // A room's page needs the room's code at once: the browser fetches it with the page's
    // own script rather than after it.
    const chunk = req.params.room ? roomChunk() : undefined;
    if (chunk) res.setHeader("Link", `</assets/${chunk}>; rel=modulepreload`);
    req.url = "/index.html";
    sendIndex(req, res, next);
  };
  app.get(["/", "/r/:room"], sendApp);
  // Vite puts content-hashed files under assets/, so they can be cached for good, and
  // beside each script and style sheet its brotli and gzip forms (made at build): a
  // browser is sent the smallest it takes.
  app.use(
    "/assets",
    expressStaticGzip(join(clientDist, "assets"), {
      enableBrotli: true,
      orderPreference: ["br", "gz"],
      index: false,
      serveStatic: { maxAge: ONE_YEAR_MS, immutable: true },
    }),
  );
  app.use(express.static(clientDist, { index: false }));

  app.use((_req, res) => {
    res.status(404).json({ error: "not found" });
  });
  logger.debug({ clientDist, samples: samples.size }, "http routes ready");
  return app;
}
