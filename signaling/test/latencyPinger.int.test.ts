import { afterEach, describe, expect, it } from "vitest";
import { LatencyPinger } from "../src/latency/latencyPinger";
import { LatencyTracker } from "../src/latency/latencyTracker";
import { join, startTestServer, type TestClient, type TestServer } from "./support/testServer";

/** When each of `clients` hears its next latency ping, ms after `since`; it answers. */
function pingArrivals(clients: TestClient[], since: number): Promise<number[]> {
  return Promise.all(
    clients.map(
      (client) =>
        new Promise<number>((resolve) =>
          client.once("latencyPing", (_table, ack) => {
            ack();
            resolve(performance.now() - since);
          }),
        ),
    ),
  );
}

describe("the latency pinger", () => {
  let t: TestServer;
  let pinger: LatencyPinger | undefined;
  afterEach(async () => {
    pinger?.stop();
    await t.close();
  });

  // The server's own pinger waits a minute: only the one under test pings here.
  const startRooms = async (rooms: number, perRoom: number) => {
    t = await startTestServer({ pingIntervalMs: 60_000 });
    const clients: TestClient[] = [];
    for (let i = 0; i < rooms * perRoom; i++) {
      const client = await t.connect();
      await join(client, `pinged-${i % rooms}`, `P${i}`);
      clients.push(client);
    }
    return clients;
  };
  const counting = (clients: TestClient[]) => {
    const pings = { count: 0 };
    for (const client of clients) client.on("latencyPing", (_table, ack) => (pings.count++, ack()));
    return pings;
  };

  it("spreads its rooms over the interval in slices, pings each member once, and measures them", async () => {
    const clients = await startRooms(3, 2);
    const tracker = new LatencyTracker();
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker,
      intervalMs: 1200,
      timeoutMs: 5000,
      pingsPerSlice: 2,
    });
    const since = performance.now();
    const arrivals = pingArrivals(clients, since);
    pinger.tick();
    const sorted = (await arrivals).sort((a, b) => a - b);
    // Three slices of one room of two: at once, then a quarter of the interval apart.
    expect(sorted[1]).toBeLessThan(150);
    expect(sorted[2]).toBeGreaterThan(250);
    expect(sorted[3]).toBeLessThan(450);
    expect(sorted[4]).toBeGreaterThan(550);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const measured = [...t.server.io.of("/").sockets.values()].filter(
      (socket) => socket.data.member && tracker.rttOf(socket.data.member.id) !== undefined,
    );
    expect(measured).toHaveLength(6);
  });

  it("sends a slice still pending at the next round at once, so that nobody misses a ping", async () => {
    const pings = counting(await startRooms(2, 2));
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs: 10_000,
      timeoutMs: 5000,
      pingsPerSlice: 2,
    });
    pinger.tick();
    pinger.tick(); // the second room of the first round had 3.75 s to go
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pings.count).toBe(6); // round one: 2 + 2 flushed; round two: its first 2
  });

  it("sends no slice still pending once stopped", async () => {
    const clients = await startRooms(2, 2);
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs: 400,
      timeoutMs: 5000,
      pingsPerSlice: 2,
    });
    const pings = counting(clients);
    pinger.tick();
    pinger.stop();
    pinger.stop();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(pings.count).toBe(2);
  });
});
