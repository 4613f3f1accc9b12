import { build } from "esbuild";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SERVER_BUILD_OPTIONS } from "../../../scripts/serverBuild";

/** The entry points a load test spawns, as JavaScript for node alone. */
export interface CompiledServers {
  /** NicePiano's server, as `npm run serve` and the production image run it. */
  p2p: string;
  /** The same with the original design's note path (relayDesignServer.ts). */
  relay: string;
}

/**
 * Beside the server's own build: the packages they import must be the server's (Node
 * looks for them from the file's folder up, and the load tester's differ: lru-cache).
 */
const OUT_DIR = fileURLToPath(new URL("../../../signaling/dist-loadtest", import.meta.url));
const ENTRIES = {
  main: fileURLToPath(new URL("../../../signaling/src/main.ts", import.meta.url)),
  relayDesignServer: fileURLToPath(new URL("./relayDesignServer.ts", import.meta.url)),
};

let compiled: Promise<CompiledServers> | undefined;

/**
 * Compiles both modes' servers the way the production build does (`SERVER_BUILD_OPTIONS`),
 * once a process, into `signaling/dist-loadtest`: measured as an operator runs it, not
 * through a TypeScript loader (which keeps every module's source and source map besides:
 * 64 MB of heap idle against 50, more for each full garbage collection to walk). Files are
 * named by their content, so runs side by side (or one after another) share them.
 */
export function compiledServers(): Promise<CompiledServers> {
  compiled ??= build({
    ...SERVER_BUILD_OPTIONS,
    entryPoints: ENTRIES,
    entryNames: "[name]-[hash]",
    outdir: OUT_DIR,
  }).then(({ metafile }) => {
    // The metafile's paths are relative to the working directory.
    const outputOf = (entry: string) => {
      const found = Object.entries(metafile.outputs).find(
        ([, output]) => output.entryPoint && resolve(output.entryPoint) === entry,
      );
      if (!found) throw new Error(`esbuild wrote nothing for ${entry}`);
      return resolve(found[0]);
    };
    return { p2p: outputOf(ENTRIES.main), relay: outputOf(ENTRIES.relayDesignServer) };
  });
  return compiled;
}
