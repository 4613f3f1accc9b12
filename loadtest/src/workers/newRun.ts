import { readFileSync } from "node:fs";
import { monotonicMs } from "../bench/benchPeerMessages";
import type { Mode } from "../scenario/scenarioOptions";
import type { Target } from "../scenario/scenarioTarget";
import { recordHandshake } from "../users/signalingOnlyPeer";
import type { WorkerRun } from "./workerProtocol";

/** What every user does, and how pings are judged: the part of a run its options give. */
export type Workload = Pick<
  WorkerRun,
  "eventEveryMs" | "noteShare" | "reconnectChance" | "seed" | "latePingSlackMs"
>;

/**
 * A run against `target` starting `leadMs` from now: peer to peer, with a WebRTC handshake
 * recorded here for the users whose peer connections only signal.
 */
export async function newRun(
  mode: Mode,
  target: Pick<Target, "urls" | "caFile">,
  workload: Workload,
  leadMs: number,
): Promise<WorkerRun> {
  const handshake = mode === "p2p" ? await recordHandshake() : { offerer: [], answerer: [] };
  return {
    urls: target.urls,
    ...(target.caFile ? { ca: readFileSync(target.caFile, "utf8") } : {}),
    startAt: monotonicMs() + leadMs,
    eventEveryMs: workload.eventEveryMs,
    noteShare: workload.noteShare,
    reconnectChance: workload.reconnectChance,
    seed: workload.seed,
    handshake,
    latePingSlackMs: workload.latePingSlackMs,
  };
}
