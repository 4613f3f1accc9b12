import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * For a benchmark's entry script: with `--help` (or `-h`) among its arguments, prints the
 * script's own opening comment (what it measures, and how to run it) and ends the process.
 * Pass `import.meta.url`. Call it before anything starts.
 */
export function helpWhenAsked(scriptUrl: string): void {
  const args = process.argv.slice(2);
  if (!args.includes("--help") && !args.includes("-h")) return;
  const source = readFileSync(fileURLToPath(scriptUrl), "utf8");
  const comment = /\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? "";
  const text = comment
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
  console.log(text);
  process.exit(0);
}
