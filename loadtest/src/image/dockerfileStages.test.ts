import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDockerfile, setsUpSystem } from "./dockerfileStages";

const dockerfile = readFileSync(new URL("../../../deploy/Dockerfile", import.meta.url), "utf8");

describe("reading deploy/Dockerfile's stages", () => {
  const stages = parseDockerfile(dockerfile);

  it("finds each stage with its folder, copies, commands, environment and command", () => {
    expect(stages.map((stage) => [stage.name, stage.workdir])).toEqual([
      ["build", "/app"],
      ["server-modules", "/app"],
      ["runtime", "/app"],
    ]);
    const [build, , runtime] = stages;
    expect(build!.steps[1]).toEqual({
      kind: "copy",
      from: null,
      sources: ["package.json", "package-lock.json"],
      target: "./",
    });
    // A RUN continued over lines is one command.
    const firstStep = build!.steps[0];
    expect(firstStep?.kind).toBe("run");
    expect(firstStep?.kind === "run" && firstStep.command).toMatch(
      /^apt-get update && apt-get install/,
    );
    expect(runtime!.env).toMatchObject({ NODE_ENV: "production", PORT: "8080" });
    expect(runtime!.cmd).toEqual(["node", "--enable-source-maps", "signaling/dist/main.js"]);
  });

  it("tells the image's system setup from the app's steps", () => {
    expect(setsUpSystem("apt-get update && rm -rf /var/lib/apt/lists/*", "/app")).toBe(true);
    expect(setsUpSystem("mkdir -p /data && chown node:node /data", "/app")).toBe(true);
    expect(setsUpSystem("npm ci --omit=dev --workspace signaling --no-audit", "/app")).toBe(false);
    expect(setsUpSystem("rm -rf node_modules/better-sqlite3/deps /app/x", "/app")).toBe(false);
  });
});
