import type { PeerConnection } from "./peerFactory";
import type { PeerPath } from "./peerMesh";

/** How a player reaches another: straight, through the TURN relay, or via the server. */
export type ConnectionKind = "direct" | "turn" | "server" | "connecting";

export interface StatsReport {
  type?: string;
  bytesSent?: number;
  id?: string;
  state?: string;
  selected?: boolean;
  nominated?: boolean;
  selectedCandidatePairId?: string;
  localCandidateId?: string;
  remoteCandidateId?: string;
  candidateType?: string;
}

/**
 * Direct or TURN, from a connection's statistics: the selected candidate pair (named by
 * the transport, or flagged selected / nominated and succeeded) and its two candidates;
 * either one of type `relay` means the path goes through TURN.
 */
export function kindFromStats(reports: readonly StatsReport[]): "direct" | "turn" | undefined {
  const byId = new Map(reports.map((report) => [report.id, report]));
  const transport = reports.find((r) => r.type === "transport" && r.selectedCandidatePairId);
  const pair =
    byId.get(transport?.selectedCandidatePairId) ??
    reports.find(
      (r) =>
        r.type === "candidate-pair" && (r.selected || (r.nominated && r.state === "succeeded")),
    );
  if (!pair) return undefined;
  const ends = [byId.get(pair.localCandidateId), byId.get(pair.remoteCandidateId)];
  if (ends.some((end) => end === undefined)) return undefined;
  return ends.some((end) => end!.candidateType === "relay") ? "turn" : "direct";
}

/** A connection's statistics reports (none if it cannot give them). */
export function statsOf(connection: PeerConnection): Promise<StatsReport[]> {
  // simple-peer 9 has getStats (a flat list of reports); @types/simple-peer leaves it out.
  const withStats = connection as unknown as {
    getStats(callback: (error: Error | null, reports: StatsReport[]) => void): void;
  };
  return new Promise((resolve) =>
    withStats.getStats((error, stats) => resolve(error ? [] : stats)),
  );
}

/** What the member list shows for one peer. */
export async function connectionKind(
  path: PeerPath,
  connection: PeerConnection | undefined,
): Promise<ConnectionKind> {
  if (path === "server") return "server";
  if (path !== "channel" || !connection) return "connecting";
  const reports = await statsOf(connection);
  // Open, but no pair chosen in the statistics yet: say so rather than guess.
  return kindFromStats(reports) ?? "connecting";
}
