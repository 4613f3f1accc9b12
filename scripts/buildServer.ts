/**
 * Compiles the signaling server to JavaScript that `node` runs without a TypeScript loader
 * (the production image's command): `signaling/dist/main.js` and the chunks it loads
 * (see `SERVER_BUILD_OPTIONS`).
 *
 *   npm run build:server
 *
 * Its dependencies are installed beside it by `npm ci --omit=dev --workspace signaling`.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { SERVER_BUILD_OPTIONS } from "./serverBuild";

// Chunks are named by their content: the last build's would stay beside this one's.
rmSync("signaling/dist", { recursive: true, force: true });
const result = await build({
  ...SERVER_BUILD_OPTIONS,
  entryPoints: ["signaling/src/main.ts"],
  outdir: "signaling/dist",
});

for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith(".js"))
    process.stdout.write(`${file}: ${(output.bytes / 1024).toFixed(0)} kB\n`);
}
