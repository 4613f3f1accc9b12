import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "./support/serverProcess";

describe("a server out of file descriptors", () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });

  // libuv keeps a file in reserve for this: it accepts and closes what it cannot serve.
  it("refuses connections while it has none left (EMFILE), and does not exit", async () => {
    server = await startServerProcess();
    // Started, it may open a few dozen files more: then none.
    const open = readdirSync(`/proc/${server.pid}/fd`).length;
    execFileSync("prlimit", [`--pid=${server.pid}`, `--nofile=${open + 30}:${open + 30}`]);
    const sockets: Socket[] = [];
    for (let i = 0; i < 150; i++) {
      const socket = connect(server.port, "127.0.0.1");
      socket.on("error", () => {});
      sockets.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});
