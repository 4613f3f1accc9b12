import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** One stage of a Dockerfile: its name, working directory, and what it does, in order. */
export interface Stage {
  name: string;
  workdir: string;
  steps: Step[];
  env: Record<string, string>;
  cmd: string[];
}

export type Step =
  | { kind: "copy"; from: string | null; sources: string[]; target: string }
  | { kind: "run"; command: string };

/**
 * Reads the instructions that build NicePiano's image (FROM … AS, WORKDIR, COPY, RUN,
 * ENV, CMD), lines joined where they end in `\`; the others (USER, VOLUME, EXPOSE,
 * HEALTHCHECK, STOPSIGNAL) change nothing in the files and are passed over.
 */
export function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\s*\\\n\s*/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, instruction = "", rest = ""] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (instruction === "FROM") {
      const name = /\bAS\s+(\S+)$/i.exec(rest)?.[1];
      if (!name) throw new Error(`a stage without a name: ${line}`);
      stages.push({ name, workdir: "/", steps: [], env: {}, cmd: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${instruction} before FROM`);
    if (instruction === "WORKDIR") stage.workdir = rest;
    else if (instruction === "RUN") stage.steps.push({ kind: "run", command: rest });
    else if (instruction === "CMD") stage.cmd = JSON.parse(rest) as string[];
    else if (instruction === "ENV") {
      for (const [, key, value] of rest.matchAll(/(\w+)=(\S+)/g)) stage.env[key!] = value!;
    } else if (instruction === "COPY") {
      const from = /--from=(\S+)/.exec(rest)?.[1] ?? null;
      const sources = rest.replace(/--from=\S+\s*/, "").split(/\s+/);
      const target = sources.pop();
      if (!target || sources.length === 0) throw new Error(`a COPY without source: ${line}`);
      stage.steps.push({ kind: "copy", from, sources, target });
    }
  }
  return stages;
}

/**
 * Whether a RUN sets up the image's system (packages, folders outside the app) rather than
 * the app: it names an absolute path outside the stage's working directory. Here those are
 * left to the machine (.ci/run installs the same packages).
 */
export function setsUpSystem(command: string, workdir: string): boolean {
  const paths = command.match(/(?<![\w.-])\/[\w./*-]+/g) ?? [];
  return paths.some((path) => path !== workdir && !path.startsWith(`${workdir}/`));
}

export interface StageRun {
  /** Where each stage's working directory is, by stage name. */
  dirs: Map<string, string>;
  /** The RUN commands left to the machine, by stage. */
  skipped: { stage: string; command: string }[];
}

/**
 * Goes through `stages` as `docker build` would, each stage's working directory a folder
 * under `root`: COPY from `context` (the files git tracks, as .dockerignore leaves them)
 * or from an earlier stage, RUN with bash in that folder.
 */
export function runStages(stages: Stage[], context: string, root: string): StageRun {
  const dirs = new Map<string, string>();
  const skipped: StageRun["skipped"] = [];
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: context, encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  /** COPY's rules: a target ending in `/` is a folder the source goes into. */
  const copy = (from: string | null, source: string, target: string, dir: string) => {
    const into = join(dir, target.endsWith("/") ? join(target, basename(source)) : target);
    if (from) {
      const fromDir = dirs.get(from);
      if (!fromDir) throw new Error(`COPY --from=${from}: no such stage before`);
      const path = source.startsWith("/") ? join(root, from, source) : join(fromDir, source);
      mkdirSync(dirname(into), { recursive: true });
      cpSync(path, into, { recursive: true, verbatimSymlinks: true });
    } else if (source === ".") {
      for (const file of tracked) {
        mkdirSync(dirname(join(dir, target, file)), { recursive: true });
        cpSync(join(context, file), join(dir, target, file));
      }
    } else {
      mkdirSync(dirname(into), { recursive: true });
      cpSync(join(context, source), into, { recursive: true });
    }
  };
  for (const stage of stages) {
    const dir = join(root, stage.name, stage.workdir);
    mkdirSync(dir, { recursive: true });
    dirs.set(stage.name, dir);
    for (const step of stage.steps) {
      if (step.kind === "run") {
        if (setsUpSystem(step.command, stage.workdir)) {
          skipped.push({ stage: stage.name, command: step.command });
          continue;
        }
        process.stdout.write(`[${stage.name}] RUN ${step.command}\n`);
        execFileSync("bash", ["-c", step.command], { cwd: dir, stdio: "inherit" });
        continue;
      }
      for (const source of step.sources) copy(step.from, source, step.target, dir);
    }
  }
  return { dirs, skipped };
}
