import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, type ServerProcess } from "../../signaling/test/support/serverProcess";
import { startTurnServer, type TurnServer } from "../../signaling/test/support/turnServer";
import { BenchPeer } from "../src/bench/benchPeerPool";
import { createNatLab, type NatLab, type Place } from "../src/natLab";

const SECRET = "lab-secret";

/**
 * Players behind NATs, in network namespaces with real iptables NAT, a real coturn (the
 * production template) and real server processes on the lab's public segment.
 */
describe("playing across NATs (network namespace lab)", () => {
  let lab: NatLab;
  let turn: TurnServer;
  let withTurn: ServerProcess;
  let withoutTurn: ServerProcess;
  const peers: BenchPeer[] = [];

  beforeAll(async () => {
    lab = createNatLab();
    const place = { netns: lab.ns("public"), host: lab.publicIp };
    turn = await startTurnServer({
      config: "turnserver.conf",
      secret: SECRET,
      ip: lab.publicIp,
      netns: lab.ns("public"),
    });
    withTurn = await startServerProcess({ TURN_SECRET: SECRET, TURN_URLS: turn.url }, 8080, place);
    withoutTurn = await startServerProcess({}, 8081, place);
  }, 60_000);
  afterAll(async () => {
    for (const peer of peers) peer.stop();
    await Promise.all([withTurn?.kill(), withoutTurn?.kill(), turn?.stop()]);
    lab?.close();
  });

  /** Two players at `places`, in `room` of `server`, each in a process of its own. */
  const pair = async (
    places: [Place, Place],
    server: ServerProcess,
    room: string,
    waitFor: "channels" | "members",
  ) => {
    const players = places.map((place) => new BenchPeer(lab.ns(place)));
    peers.push(...players);
    // The first joins alone; the second, then, connects to it.
    await players[0]!.request(
      { type: "join", path: "p2p", url: server.url, room, name: places[0], expectPeers: 0 },
      "joined",
    );
    await players[1]!.request(
      {
        type: "join",
        path: "p2p",
        url: server.url,
        room,
        name: places[1],
        expectPeers: 1,
        waitFor,
      },
      "joined",
    );
    return players;
  };
  /** Each sends `count` notes; resolves with how many each received. */
  const exchange = async (players: BenchPeer[], count: number) => {
    await Promise.all(
      players.map((p) => p.request({ type: "send", count, intervalMs: 10 }, "sent")),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reports = await Promise.all(
      players.map((p) => p.request({ type: "collect" }, "latencies")),
    );
    return reports.map((report) => report.values.length);
  };
  const paths = async (players: BenchPeer[]) =>
    (await Promise.all(players.map((p) => p.request({ type: "paths" }, "paths")))).map(
      (report) => report.kinds,
    );

  it("connects two players behind NATs through coturn, and they play", async () => {
    const players = await pair(["home-a", "home-b"], withTurn, "turn-room", "channels");
    expect(await paths(players)).toEqual([["turn"], ["turn"]]);
    expect(await exchange(players, 50)).toEqual([50, 50]);
  });

  it("carries their notes through the server when there is no TURN, and says so", async () => {
    const players = await pair(["home-a", "home-b"], withoutTurn, "fallback-room", "members");
    await expect
      .poll(async () => paths(players), { timeout: 10_000 })
      .toEqual([["server"], ["server"]]);
    expect(await exchange(players, 50)).toEqual([50, 50]);
  });

  it("connects two players on the same segment directly", async () => {
    const players = await pair(["lan-c", "lan-d"], withoutTurn, "lan-room", "channels");
    expect(await paths(players)).toEqual([["direct"], ["direct"]]);
    expect(await exchange(players, 50)).toEqual([50, 50]);
  });
});
