import type { BuildOptions } from "esbuild";
import { readFileSync } from "node:fs";

const signaling = JSON.parse(
  readFileSync(new URL("../signaling/package.json", import.meta.url), "utf8"),
) as { dependencies: Record<string, string> };

/**
 * How the signaling server is compiled (`npm run build:server`, and the load tester's
 * servers): one ES module per entry and the chunks they share, for node alone. The
 * server's own code and the protocol workspace (TypeScript source) are bundled in; every
 * package the server lists in `dependencies` stays an import, installed beside it: native
 * modules (better-sqlite3), packages that find files next to themselves (the samples,
 * firebase-admin). What only Firebase or Redis needs (`import()`ed when configured) is a
 * chunk of its own, never read on the embedded default. An entry must sit two folders
 * below the top, as the source does, so that its paths to `client/dist` and `data` hold.
 */
export const SERVER_BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  sourcemap: true,
  external: Object.keys(signaling.dependencies),
  metafile: true,
  logLevel: "warning",
} satisfies BuildOptions;
