import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** Every benchmark the package offers (`npm run bench:*`), with the script it runs. */
const loadtestDir = fileURLToPath(new URL("..", import.meta.url));
const scripts = JSON.parse(readFileSync(`${loadtestDir}package.json`, "utf8")) as {
  scripts: Record<string, string>;
};
const benches = Object.entries(scripts.scripts)
  .filter(([name]) => name.startsWith("bench:"))
  .map(([name, command]) => [name, /tsx (\S+\.ts)/.exec(command)![1]!] as const);

describe("every benchmark says how to use it", () => {
  it.each(benches)(
    "%s --help prints what it measures and how to run it, and starts nothing",
    (name, script) => {
      const started = performance.now();
      const out = execFileSync(process.execPath, ["--import", "tsx", script, "--help"], {
        cwd: loadtestDir,
        encoding: "utf8",
        timeout: 20_000,
      });
      expect(out).toContain(`npm run ${name}`);
      expect(out.split("\n").length).toBeGreaterThan(2);
      expect(performance.now() - started).toBeLessThan(20_000);
    },
  );
});
