import type { ClockPing } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeRoomSocket, fakePeers, joinAnswer, member } from "../testing/fakeRoomSocket";
import { CLOCK_SYNC_MAX_INTERVAL_MS } from "./clockSampler";
import { RoomSession } from "./roomSession";

const bob = member("bob", 2, "Bob");
/** The server's clock runs this far ahead of the page's. */
const AHEAD_MS = 500;

describe("the clock sampler (fake socket, fake time)", () => {
  let socket: FakeRoomSocket;
  let session: RoomSession;
  let joinRequest: unknown;

  beforeEach(async () => {
    vi.useFakeTimers();
    socket = new FakeRoomSocket();
    session = new RoomSession({
      socket: socket.asRoomSocket(),
      createPeer: fakePeers().createPeer,
      localClock: () => Date.now(),
    });
    const joined = session.join("jam", "Bob");
    const request = socket.next("join");
    joinRequest = request.args[0];
    request.answer(joinAnswer(bob));
    await joined;
  });
  afterEach(() => {
    session.destroy();
    vi.useRealTimers();
  });

  const pendingClock = () => socket.requests.filter((request) => request.event === "clock");
  /** Answers the pending `clock` request with the server's clock `extraMs` further off. */
  const answerClock = async (extraMs = 0) => {
    socket.answer("clock", Date.now() + AHEAD_MS + extraMs);
    await vi.advanceTimersByTimeAsync(0);
  };
  const burst = async (count: number) => {
    for (let i = 0; i < count; i++) await answerClock();
  };
  /** Ms until the next `clock` request, answering none on the way (up to a minute). */
  const nextRequestIn = async () => {
    for (let waited = 0; waited <= 60_000; waited += 100) {
      if (pendingClock().length > 0) return waited;
      await vi.advanceTimersByTimeAsync(100);
    }
    return Infinity;
  };

  it("takes five samples at join, then backs off while they agree, up to 16 s", async () => {
    await burst(5);
    expect(pendingClock()).toHaveLength(0);
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      gaps.push(await nextRequestIn());
      await answerClock();
    }
    expect(gaps).toEqual([
      2000,
      4000,
      8000,
      CLOCK_SYNC_MAX_INTERVAL_MS,
      CLOCK_SYNC_MAX_INTERVAL_MS,
    ]);
    expect(session.clock.offsetMs).toBe(AHEAD_MS);
  });

  it("after a jump of the server's clock, takes a burst and starts again at 2 s", async () => {
    await burst(5);
    for (let i = 0; i < 3; i++) {
      await nextRequestIn();
      await answerClock();
    }
    await nextRequestIn();
    await answerClock(3000); // the server's clock was stepped 3 s ahead
    expect(session.clock.offsetMs).toBe(AHEAD_MS + 3000);
    for (let i = 0; i < 5; i++) {
      expect(pendingClock()).toHaveLength(1);
      await answerClock(3000);
    }
    expect(await nextRequestIn()).toBe(2000);
  });

  /** The server pings every `gapsMs[i]`, each ping saying when the next comes; answers. */
  const pingEvery = async (gapsMs: number[]) => {
    let requests = 0;
    let last: ClockPing | undefined;
    const acked: number[] = [];
    for (const [i, gapMs] of gapsMs.entries()) {
      for (; pendingClock().length > 0; requests++) await answerClock();
      // The ping leaves the server at its time, arrives 3 ms later, is answered in 3 ms.
      const ping: ClockPing = {
        latency: {},
        serverTime: Date.now() + AHEAD_MS - 3,
        nextInMs: gapMs,
      };
      if (last) ping.previous = { serverTime: last.serverTime, rttMs: 6 };
      socket.serverSends("clockPing", ping, () => acked.push(i));
      last = ping;
      await vi.advanceTimersByTimeAsync(gapMs);
    }
    return { requests, acked: acked.length, last: last! };
  };

  it("sends no request while the server's pings carry its clock, however far apart", async () => {
    await burst(5);
    // Every 2 s at first, then backing off to 16 s, as the server does.
    const gaps = [2000, 2000, 4000, 8000, ...Array<number>(10).fill(16_000)];
    const { requests, acked } = await pingEvery(gaps);
    expect(acked).toBe(gaps.length);
    expect(requests).toBe(0);
    expect(pendingClock()).toHaveLength(0);
    expect(session.clock.offsetMs).toBe(AHEAD_MS);
  });

  it("asks again once a ping is 2 s later than the last one said", async () => {
    await burst(5);
    await pingEvery([2000, 2000, 4000]);
    // The last ping said the next comes within 4 s; none comes.
    expect(await nextRequestIn()).toBe(2000);
  });

  it("takes a burst of requests when a ping's sample shows the clocks jumped", async () => {
    await burst(5);
    const { last } = await pingEvery([2000, 2000]);
    // The server's clock is stepped 3 s ahead: the next ping says so, the one after makes
    // it a sample.
    const stepped: ClockPing = {
      latency: {},
      serverTime: Date.now() + AHEAD_MS - 3 + 3000,
      nextInMs: 2000,
      previous: { serverTime: last.serverTime, rttMs: 6 },
    };
    socket.serverSends("clockPing", stepped, () => {});
    await vi.advanceTimersByTimeAsync(2000);
    expect(pendingClock()).toHaveLength(0);
    socket.serverSends(
      "clockPing",
      {
        latency: {},
        serverTime: Date.now() + AHEAD_MS - 3 + 3000,
        nextInMs: 2000,
        previous: { serverTime: stepped.serverTime, rttMs: 6 },
      },
      () => {},
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(session.clock.offsetMs).toBe(AHEAD_MS + 3000);
    for (let i = 0; i < 5; i++) {
      expect(pendingClock()).toHaveLength(1);
      await answerClock(3000);
    }
    expect(pendingClock()).toHaveLength(0);
  });

  it("asks the server for its clock in the pings when it joins", () => {
    expect(joinRequest).toMatchObject({ room: "jam", clockInPings: true });
  });
});
