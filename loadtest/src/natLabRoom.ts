import { startServerProcess, type ServerProcess } from "../../signaling/test/support/serverProcess";
import { startTurnServer, type TurnServer } from "../../signaling/test/support/turnServer";
import { BenchPeer } from "./bench/benchPeerPool";
import { createNatLab, type NatLab, type Place } from "./natLab";

const SECRET = "nat-lab-secret-of-32-characters-x";

export interface NatLabServices {
  lab: NatLab;
  /** A signaling server that hands out TURN credentials for the lab's coturn. */
  withTurn: ServerProcess;
  /** One without TURN: players who find no path play through it (the fallback). */
  withoutTurn: ServerProcess;
  close(): Promise<void>;
}

/** The NAT lab with coturn (production template) and two signaling servers on its public side. */
export async function startNatLab(): Promise<NatLabServices> {
  const lab = createNatLab();
  const place = { netns: lab.ns("public"), host: lab.publicIp };
  let turn: TurnServer | undefined;
  const servers: ServerProcess[] = [];
  const close = async () => {
    await Promise.all([...servers.map((server) => server.kill()), turn?.stop()]);
    lab.close();
  };
  try {
    turn = await startTurnServer({
      config: "turnserver.conf",
      secret: SECRET,
      ip: lab.publicIp,
      netns: lab.ns("public"),
    });
    servers.push(
      await startServerProcess({ TURN_SECRET: SECRET, TURN_URLS: turn.url }, 8080, { place }),
      await startServerProcess({}, 8081, { place }),
    );
  } catch (error) {
    await close();
    throw error;
  }
  return { lab, withTurn: servers[0]!, withoutTurn: servers[1]!, close };
}

/**
 * Two players at `places`, each in a process of its own in that place's namespace, in
 * `room` of `server`: the first joins alone, then the second, timed until it has a working
 * path (an open channel, or for `waitFor: "members"` the server path). Resolves with the
 * players and that time.
 */
export async function joinPair(
  lab: NatLab,
  places: [Place, Place],
  server: ServerProcess,
  room: string,
  waitFor: "channels" | "members",
): Promise<{ players: BenchPeer[]; joinMs: number }> {
  const players = places.map((place) => new BenchPeer(lab.ns(place)));
  const join = (i: number, expectPeers: number) =>
    players[i]!.request(
      { type: "join", path: "p2p", url: server.url, room, name: places[i]!, expectPeers, waitFor },
      "joined",
    );
  try {
    await join(0, 0);
    const { ms } = await join(1, 1);
    return { players, joinMs: ms };
  } catch (error) {
    for (const player of players) player.stop();
    throw error;
  }
}
