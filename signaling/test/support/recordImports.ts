// Preloaded into a server process (`node --import`): writes the URL of every module the
// process loads, one a line, to the file named by IMPORTS_LOG.
import { appendFileSync } from "node:fs";
import { registerHooks } from "node:module";

const log = process.env.IMPORTS_LOG;
if (log) {
  registerHooks({
    load(url, context, nextLoad) {
      appendFileSync(log, `${url}\n`);
      return nextLoad(url, context);
    },
  });
}
