import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./support/freePort";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run dev` (scripts/dev.ts): Vite's dev server in front of a watched signaling server. */
describe("npm run dev", () => {
  let dev: ChildProcess | undefined;
  afterAll(async () => {
    if (!dev || dev.exitCode !== null) return;
    const exited = new Promise((resolve) => dev!.once("exit", resolve));
    // The whole group: npm, the script, the watched server and Vite.
    process.kill(-dev.pid!, "SIGTERM");
    await exited;
  });

  it("serves the app from Vite (hot reload) and passes the API and Socket.IO to the server", async () => {
    const [serverPort, devPort] = [await freePort(), await freePort()];
    dev = spawn("npm", ["run", "dev"], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(serverPort),
        DEV_PORT: String(devPort),
        LOG_LEVEL: "warn",
      },
      stdio: "ignore",
      detached: true,
    });
    const vite = `http://127.0.0.1:${devPort}`;
    const get = (path: string) =>
      fetch(`${vite}${path}`).then(
        async (response) => ({ status: response.status, text: await response.text() }),
        () => ({ status: 0, text: "" }),
      );
    await expect
      .poll(() => get("/api/config"), { timeout: 30_000, interval: 250 })
      .toMatchObject({
        status: 200,
      });
    expect(JSON.parse((await get("/api/config")).text)).toHaveProperty("backend");
    // The page comes from Vite's dev server: its client for hot reload is in it.
    const page = await get("/r/dev-room");
    expect(page.status).toBe(200);
    expect(page.text).toContain("/@vite/client");
    // Socket.IO's handshake, through the proxy.
    expect((await get("/socket.io/?EIO=4&transport=polling")).text).toMatch(/^0\{"sid"/);
  }, 60_000);
});
