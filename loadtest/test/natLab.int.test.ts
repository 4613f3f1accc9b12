import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BenchPeer } from "../src/bench/benchPeerPool";
import type { Place } from "../src/natLab";
import { joinPair, startNatLab, type NatLabServices } from "../src/natLabRoom";

/**
 * Players behind NATs, in network namespaces with real iptables NAT, a real coturn (the
 * production template) and real server processes on the lab's public segment.
 */
describe("playing across NATs (network namespace lab)", () => {
  let lab: NatLabServices;
  const peers: BenchPeer[] = [];

  beforeAll(async () => {
    lab = await startNatLab();
  }, 60_000);
  afterAll(async () => {
    for (const peer of peers) peer.stop();
    await lab?.close();
  });

  const pair = async (
    places: [Place, Place],
    server: "withTurn" | "withoutTurn",
    room: string,
    waitFor: "channels" | "members",
  ) => {
    const { players } = await joinPair(lab.lab, places, lab[server], room, waitFor);
    peers.push(...players);
    return players;
  };
  /**
   * Each sends `count` notes; resolves with how many each received (asking until all
   * came, for up to 5 s): played, or come and cut as too late (a stall of this busy
   * machine, not of the path, makes a note late).
   */
  const exchange = async (players: BenchPeer[], count: number) => {
    await Promise.all(
      players.map((p) => p.request({ type: "send", count, intervalMs: 10 }, "sent")),
    );
    const received = async () => {
      const reports = await Promise.all(
        players.map((p) => p.request({ type: "collect" }, "latencies")),
      );
      return reports.map((report) => report.values.length + report.late);
    };
    const deadline = Date.now() + 5000;
    let counts = await received();
    while (counts.some((n) => n < count) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      counts = await received();
    }
    return counts;
  };
  const paths = async (players: BenchPeer[]) =>
    (await Promise.all(players.map((p) => p.request({ type: "paths" }, "paths")))).map(
      (report) => report.kinds,
    );

  it("connects two players behind NATs through coturn, and they play", async () => {
    const players = await pair(["home-a", "home-b"], "withTurn", "turn-room", "channels");
    await expect.poll(() => paths(players)).toEqual([["turn"], ["turn"]]);
    expect(await exchange(players, 50)).toEqual([50, 50]);
  });

  it("carries their notes through the server when there is no TURN, and says so", async () => {
    const players = await pair(["home-a", "home-b"], "withoutTurn", "fallback-room", "members");
    await expect
      .poll(async () => paths(players), { timeout: 10_000 })
      .toEqual([["server"], ["server"]]);
    expect(await exchange(players, 50)).toEqual([50, 50]);
  });

  it("connects two players on the same segment directly", async () => {
    const players = await pair(["lan-c", "lan-d"], "withoutTurn", "lan-room", "channels");
    await expect.poll(() => paths(players)).toEqual([["direct"], ["direct"]]);
    expect(await exchange(players, 50)).toEqual([50, 50]);
  });
});
