import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/testServer";

/**
 * Another process: once told "go" (a line on stdin), opens `count` connections to `port`
 * at once and, 800 ms later, prints how many were made.
 */
const KNOCKER = `
const net = require("node:net");
const [port, count] = process.argv.slice(1).map(Number);
process.stdout.write("ready\\n");
process.stdin.once("data", () => {
  let made = 0;
  for (let i = 0; i < count; i++) {
    net.connect(port, "127.0.0.1", () => made++).on("error", () => {});
  }
  setTimeout(() => { process.stdout.write(made + "\\n"); process.exit(0); }, 800);
});
`;

describe("the listening socket", () => {
  let t: TestServer;
  afterEach(() => t.close());

  it("holds a burst of new connections while the server is busy, beyond Node's default 511", async () => {
    t = await startTestServer();
    const count = 800;
    const knocker = spawn(process.execPath, ["-e", KNOCKER, new URL(t.url).port, String(count)]);
    const lines: string[] = [];
    knocker.stdout
      .setEncoding("utf8")
      .on("data", (text: string) => lines.push(...text.split("\n")));
    while (!lines.includes("ready")) await once(knocker.stdout, "data");
    knocker.stdin.write("go\n");
    // The server's process busy, accepting nothing: the kernel keeps what its queue holds
    // and drops the rest (tried again a second later).
    const until = performance.now() + 1500;
    while (performance.now() < until);
    if (knocker.exitCode === null) await once(knocker, "exit");
    expect(Number(lines.filter(Boolean).at(-1))).toBe(count);
  });
});
