import { newPeerKey, type ClockPing } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { LatencyPinger, type LatencyPingerOptions } from "../src/latency/latencyPinger";
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

const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

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
      // Each test answers the pings itself (late, to make a round trip jump).
      const client = (await t.connect()).off("latencyPing").off("clockPing");
      await join(client, `pinged-${i % rooms}`, `P${i}`);
      clients.push(client);
    }
    return clients;
  };
  /** Rounds of 1 s backing off to 8, one phase, ticked by the test. */
  const backingOff = (options: Partial<LatencyPingerOptions> = {}) =>
    new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs: 1000,
      maxIntervalMs: 8000,
      timeoutMs: 5000,
      phases: 1,
      ...options,
    });
  const counting = (clients: TestClient[]) => {
    const pings = { count: 0 };
    for (const client of clients) client.on("latencyPing", (_table, ack) => (pings.count++, ack()));
    return pings;
  };

  it("spreads a round's pings over its phases, pings each member once, and measures them", async () => {
    const clients = await startRooms(3, 2);
    const tracker = new LatencyTracker();
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker,
      intervalMs: 1200,
      timeoutMs: 5000,
      phases: 4,
    });
    const since = performance.now();
    const arrivals = pingArrivals(clients, since);
    pinger.tick();
    // Phases a quarter of three quarters of the round apart (225 ms), members in turn.
    const sorted = (await arrivals).sort((a, b) => a - b);
    const phases = sorted.map((ms) => Math.round(ms / 225));
    expect(phases).toEqual([0, 0, 1, 1, 2, 3]);
    for (const [i, ms] of sorted.entries())
      expect(Math.abs(ms - phases[i]! * 225)).toBeLessThan(100);
    await settle(100);
    const measured = [...t.server.io.of("/").sockets.values()].filter(
      (socket) => socket.data.member && tracker.rttOf(socket.data.member.id) !== undefined,
    );
    expect(measured).toHaveLength(6);
  });

  it("pings a steady member less and less often, down to the longest interval, and every round again after a jump", async () => {
    const [client] = await startRooms(1, 1);
    let answerAfterMs = 0;
    const pingedIn: number[] = [];
    let round = 0;
    client!.on("latencyPing", (_table, ack) => {
      pingedIn.push(round);
      if (answerAfterMs > 0) setTimeout(ack, answerAfterMs);
      else ack();
    });
    // This process never stands still here (a slow machine's stall would hide the jump).
    pinger = backingOff({ ownStallMs: () => 0 });
    for (round = 1; round <= 25; round++) {
      pinger.tick();
      await settle(25);
    }
    // Each steady answer doubles the gap, up to 8 rounds.
    expect(pingedIn).toEqual([1, 2, 3, 5, 9, 17, 25]);
    // The round trip jumps (50 ms more) at the ping of round 33: pinged next round.
    for (round = 26; round <= 34; round++) {
      answerAfterMs = round === 33 ? 80 : 0;
      pinger.tick();
      await settle(round === 33 ? 150 : 25);
    }
    expect(pingedIn.slice(7)).toEqual([33, 34]);
  });

  it("keeps a steady member's pace when its round trip jumps only as long as the server itself stood still", async () => {
    const [client] = await startRooms(1, 1);
    let holdLoopMs = 0;
    const pingedIn: number[] = [];
    let round = 0;
    client!.on("latencyPing", (_table, ack) => {
      pingedIn.push(round);
      // Client and server share this process: holding its loop holds the server's too.
      const until = performance.now() + holdLoopMs;
      while (performance.now() < until);
      ack();
    });
    pinger = backingOff();
    for (round = 1; round <= 17; round++) {
      // The round trip of round 5's ping jumps by 80 ms, all of it the server's stall.
      holdLoopMs = round === 5 ? 80 : 0;
      pinger.tick();
      await settle(round === 5 ? 150 : 25);
    }
    // Steady throughout, the gap doubling (after a jump: 1, 2, 3, 5, 6, 7, 9, 13, 17).
    expect(pingedIn).toEqual([1, 2, 3, 5, 9, 17]);
  });

  it("keeps its rounds on the clock: a round started late does not make the next ones late", async () => {
    const [client] = await startRooms(1, 1);
    const intervalMs = 100;
    let pings = 0;
    client!.on("latencyPing", (_table, ack) => {
      pings++;
      ack();
      // Holds the loop across the next round's start: that round starts about 40 ms late.
      setTimeout(() => {
        const until = performance.now() + 60;
        while (performance.now() < until);
      }, intervalMs - 20);
    });
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs,
      timeoutMs: 5000,
      phases: 1,
    });
    pinger.start();
    await settle(1150);
    pinger.stop();
    // Rounds due at 100, 200 … 1,000 ms, some 40 ms late: ten. (Counted from when each
    // ran, as setInterval counts, they came every 140 ms: eight.)
    expect(pings).toBeGreaterThanOrEqual(10);
  });

  it("tells a client that asked for the clock in its pings when the next one comes", async () => {
    t = await startTestServer({ pingIntervalMs: 60_000 });
    const client = await t.connect();
    const answer = await client.emitWithAck("join", {
      room: "clocked",
      name: "Ada",
      clockInPings: true,
    });
    expect(answer.ok).toBe(true);
    const pings: ClockPing[] = [];
    client.on("clockPing", (ping, ack) => {
      pings.push(ping);
      ack();
    });
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs: 1000,
      maxIntervalMs: 4000,
      timeoutMs: 5000,
      phases: 1,
    });
    for (let round = 1; round <= 12; round++) {
      pinger.tick();
      await settle(25);
    }
    expect(pings.map((ping) => ping.nextInMs)).toEqual([1000, 1000, 2000, 4000, 4000]);
    // From the second on, each names the one before and its round trip: a clock sample.
    for (const [i, ping] of pings.entries()) {
      expect(ping.serverTime).toBeGreaterThan(Date.now() - 60_000);
      if (i === 0) expect(ping.previous).toBeUndefined();
      else expect(ping.previous).toMatchObject({ serverTime: pings[i - 1]!.serverTime });
      if (i > 0) expect(ping.previous!.rttMs).toBeGreaterThanOrEqual(0);
    }
  });

  it("pings a member back from a lost connection at once, then at its pace from before; one who left starts over", async () => {
    // The server's own pinger: rounds of 200 ms, backing off to 1,600.
    t = await startTestServer({ pingIntervalMs: 200, pingMaxIntervalMs: 1600 });
    const key = newPeerKey();
    /** Joins as the member of `key`; resolves with the gaps its pings announce. */
    const joinAndListen = async () => {
      const client = await t.connect();
      const gaps: number[] = [];
      client.on("clockPing", (ping) => gaps.push(ping.nextInMs));
      const answer = await client.emitWithAck("join", {
        room: "paced",
        name: "Ada",
        key,
        clockInPings: true,
      });
      expect(answer.ok).toBe(true);
      return { client, gaps };
    };
    const until = async (done: () => boolean) => {
      while (!done()) await settle(20);
    };
    const first = await joinAndListen();
    // Steady on loopback: the gap doubles each ping up to the longest, twice in a row.
    await until(() => first.gaps.filter((gap) => gap === 1600).length >= 2);
    expect(first.gaps.slice(0, 4)).toEqual([200, 200, 400, 800]);

    first.client.io.engine.close(); // the network drops: the server sees "transport close"
    const back = await joinAndListen();
    const backAt = performance.now();
    await until(() => back.gaps.length >= 1);
    // Within a round, telling the next comes at the pace it had.
    expect(performance.now() - backAt).toBeLessThan(400);
    expect(back.gaps[0]).toBe(1600);

    expect((await back.client.emitWithAck("leave")).ok).toBe(true); // on purpose: forgotten
    const again = await joinAndListen();
    await until(() => again.gaps.length >= 1);
    expect(again.gaps[0]).toBe(200);
  });

  it("sends a phase still pending at the next round at once, so that nobody misses a ping", async () => {
    const pings = counting(await startRooms(2, 2));
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs: 10_000,
      timeoutMs: 5000,
      phases: 2,
    });
    pinger.tick();
    await settle();
    expect(pings.count).toBe(2); // the other phase has 3.75 s to go
    pinger.tick();
    await settle();
    // Round one's second phase sent as round two begins, and round two's first phase.
    expect(pings.count).toBe(6);
  });

  it("sends no phase still pending once stopped", async () => {
    const clients = await startRooms(2, 2);
    pinger = new LatencyPinger({
      io: t.server.io,
      tracker: new LatencyTracker(),
      intervalMs: 400,
      timeoutMs: 5000,
      phases: 2,
    });
    const pings = counting(clients);
    pinger.tick();
    pinger.stop();
    pinger.stop();
    await settle(600);
    expect(pings.count).toBe(2);
  });
});
