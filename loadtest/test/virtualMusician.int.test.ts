import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../signaling/test/support/freePort";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import { startVirtualMusician, type VirtualMusician } from "../src/virtualMusician";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a virtual musician connecting, as a page connects", () => {
  let t: TestServer | undefined;
  let musician: VirtualMusician | undefined;
  afterEach(async () => {
    musician?.close();
    await t?.close();
    t = musician = undefined;
  });

  it("keeps trying while the server cannot take it yet, then joins", async () => {
    const port = await freePort();
    const started = startVirtualMusician(`http://127.0.0.1:${port}`, "jam", "Ada");
    // Refused at first: nothing listens there yet.
    await pause(1000);
    t = await startTestServer({ port });
    musician = await started;
    expect(musician.answer.self.name).toBe("Ada");
    expect(musician.socket.connected).toBe(true);
  });

  it("gives up at once when the server refuses it", async () => {
    // NicePiano's server refuses no connection this way (a bad token joins as a guest):
    // a bare Socket.IO server whose middleware refuses every one.
    const http = createServer();
    const io = new Server(http);
    io.use((_socket, next) => next(new Error("refused by the server")));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const { port } = http.address() as AddressInfo;
    try {
      const started = performance.now();
      const refused = startVirtualMusician(`http://127.0.0.1:${port}`, "jam", "Ada");
      await expect(refused).rejects.toThrow("refused by the server");
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      await io.close();
    }
  });

  it("keeps trying with no limit until it leaves", async () => {
    const port = await freePort();
    const leaving = new AbortController();
    const trying = startVirtualMusician(`http://127.0.0.1:${port}`, "jam", "Ada", {
      connectLimitMs: Infinity,
      signal: leaving.signal,
    });
    await pause(1500);
    leaving.abort();
    await expect(trying).rejects.toThrow(/left before connecting \(last error: .+\)/);
  });

  it("gives up once its time to connect has passed", async () => {
    const port = await freePort();
    const started = performance.now();
    const nobody = startVirtualMusician(`http://127.0.0.1:${port}`, "jam", "Ada", {
      connectLimitMs: 1500,
    });
    await expect(nobody).rejects.toThrow(/not connected within 1500 ms \(last error: .+\)/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
