import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BenchPeer } from "../src/bench/benchPeerPool";
import type { Held, HeldBy } from "../src/bench/benchPeerMessages";
import { startLossyLab, type LossyLabServices } from "../src/lossyLabServices";
import { playRound, spacingErrors } from "../src/lossyRoom";
import { percentile } from "../src/stats";

const PLAYERS = 3;
/** Player 0 ends on a chord with the pedal down; the others on a chord each, pedal up. */
const hold = (i: number): Held => ({ keys: [60 + 3 * i, 67 + 3 * i], pedal: i === 0 });

/** What player `listener`'s piano should hold at the end: every other player's `hold`. */
function expectedHeld(listener: number): HeldBy {
  const held: HeldBy = {};
  for (let i = 0; i < PLAYERS; i++) if (i !== listener) held[`player-${i}`] = hold(i);
  return held;
}

/**
 * Node players (@roamhq/wrtc, a process each) in the lossy lab: a namespace of their own
 * whose incoming UDP packets iptables drops at random, and coturn behind a forwarder
 * that delays every packet by a random 0–30 ms.
 */
describe("playing through packet loss and jitter (network namespace lab)", () => {
  let lab: LossyLabServices;
  let players: BenchPeer[] = [];

  beforeAll(async () => {
    lab = await startLossyLab(30);
    players = Array.from({ length: PLAYERS }, () => new BenchPeer(lab.lab.ns));
  }, 60_000);
  afterAll(async () => {
    for (const player of players) player.stop();
    await lab?.close();
  });

  for (const loss of [0.1, 0.2]) {
    it(`leaves every piano holding exactly what the players hold, at ${loss * 100} % loss`, async () => {
      const round = { transport: "loss-proof", loss, relayOnly: false, hold } as const;
      const result = await playRound(lab, players, {
        ...round,
        room: `loss-${loss * 100}`,
        notes: 60,
        intervalMs: 50,
      });
      expect(result.held).toEqual([0, 1, 2].map(expectedHeld));
      // Redundancy brings nearly every note (the rest came too late to play).
      expect(result.latencies.length).toBeGreaterThan(0.9 * result.expected);
    }, 60_000);
  }

  it("keeps a player's rhythm in steady timing through 30 ms of jitter; immediate shows it", async () => {
    const result = await playRound(lab, players.slice(0, 2), {
      room: "jitter",
      transport: "loss-proof",
      loss: 0,
      relayOnly: true,
      notes: 60,
      intervalMs: 125,
    });
    const heard = result.onsets[1]!.filter((onset) => onset.player === "player-0");
    expect(heard.length).toBeGreaterThan(50);
    const p95 = (mode: "immediate" | "steady") =>
      percentile(
        spacingErrors(heard, mode).sort((a, b) => a - b),
        95,
      );
    // The jitter is there to hear in immediate mode, and steady mode smooths most of it.
    expect(p95("immediate")).toBeGreaterThan(10);
    expect(p95("steady")).toBeLessThan(p95("immediate") / 2);
  }, 60_000);
});
