/**
 * Hostile load in a process of its own (so that its work is not the honest room's): a
 * junk-sending member of the room and junk sockets from other loopback addresses
 * ("junk"), and the second hardening's attacks (`attackMix.ts`: "mix" for all of them,
 * or some by name), until killed. Told what to aim at by HOSTILE_ORDERS (JSON of
 * `HostileOrders`); says "ready" on stdout once its member has channels open to the room
 * and the attacks are set up, then a tally every second.
 */
import { MIX_ATTACKS, startAttackMix, type AttackMixReport, type MixAttack } from "./attackMix";
import { runHostilePeer } from "./hostilePeer";
import { runHostileSocket, type FuzzTally } from "./hostileSocket";
import { Junk } from "./junk";
import { startVirtualMusician, whenConnectedTo } from "../virtualMusician";

export interface HostileOrders {
  url: string;
  room: string;
  /** The honest members, to aim signals and relayed frames at. */
  peers: string[];
  sockets: number;
  attacks: ("junk" | "mix" | MixAttack)[];
}

export interface HostileReport {
  junkEvents: number;
  peerMessages: number;
  answers: Record<string, number>;
  kicked: number;
  mix?: AttackMixReport;
}

const orders = JSON.parse(process.env.HOSTILE_ORDERS ?? "") as HostileOrders;
const mallory = await startVirtualMusician(orders.url, orders.room, "Mallory");
await whenConnectedTo(mallory, orders.peers.length, 20_000);
const junk = orders.attacks.includes("junk");
const mixed = MIX_ATTACKS.filter(
  (attack) => orders.attacks.includes("mix") || orders.attacks.includes(attack),
);
const mix =
  mixed.length > 0
    ? await startAttackMix({
        url: orders.url,
        room: orders.room,
        player: mallory.socket,
        attacks: mixed,
      })
    : undefined;
process.stdout.write("ready\n");

const tallies: FuzzTally[] = [];
let peerMessages = 0;
const targets = { url: orders.url, rooms: [orders.room, "elsewhere"], peers: orders.peers };
for (let i = 0; junk && i < orders.sockets; i++) {
  void runHostileSocket(
    targets,
    new Junk(i + 1),
    (tally) => {
      tallies[i] = tally;
      return true;
    },
    `127.0.0.${i + 2}`,
  );
}
if (junk) {
  void runHostilePeer(mallory, new Junk(99), (sent) => {
    peerMessages = sent;
    return true;
  });
}
setInterval(() => {
  const report: HostileReport = {
    junkEvents: 0,
    peerMessages,
    answers: {},
    kicked: 0,
    ...(mix ? { mix: mix.report() } : {}),
  };
  for (const tally of tallies) {
    report.junkEvents += tally.sent;
    report.kicked += tally.kicked;
    for (const [code, n] of Object.entries(tally.answers)) {
      report.answers[code] = (report.answers[code] ?? 0) + n;
    }
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}, 1000);
