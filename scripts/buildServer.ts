/**
 * Compiles the signaling server to one JavaScript file, `signaling/dist/main.js`, that
 * `node` runs without a TypeScript loader (the production image's command).
 *
 *   npm run build:server
 *
 * The server's own code and the protocol workspace (TypeScript source) are bundled in;
 * every package the server lists in `dependencies` stays an import, installed beside it by
 * `npm ci --omit=dev --workspace signaling`: native modules (better-sqlite3), packages that
 * find files next to themselves (the samples, firebase-admin). The file sits two folders
 * below the top, as the source does, so its paths to `client/dist` and `data` still hold.
 */
import { build } from "esbuild";
import { readFileSync } from "node:fs";

const signaling = JSON.parse(readFileSync("signaling/package.json", "utf8")) as {
  dependencies: Record<string, string>;
};

const result = await build({
  entryPoints: ["signaling/src/main.ts"],
  outfile: "signaling/dist/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: true,
  external: Object.keys(signaling.dependencies),
  metafile: true,
  logLevel: "warning",
});

const bytes = Object.values(result.metafile.outputs).find((output) => output.entryPoint)?.bytes;
process.stdout.write(`signaling/dist/main.js: ${((bytes ?? 0) / 1024).toFixed(0)} kB\n`);
