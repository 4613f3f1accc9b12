import type { PeerConnection } from "@nicepiano/client/mesh";

interface StatsReport {
  type?: string;
  bytesSent?: number;
}

/**
 * Bytes `connection` has sent on the wire: its transport's count (every packet's UDP
 * payload: SCTP with its acknowledgements, inside DTLS), or, where the stack has no
 * transport statistics, the sum over its candidate pairs.
 */
export async function wireBytesSent(connection: PeerConnection): Promise<number> {
  // simple-peer 9 has getStats (a flat list of reports); @types/simple-peer leaves it out.
  const withStats = connection as unknown as {
    getStats(callback: (error: Error | null, reports: StatsReport[]) => void): void;
  };
  const reports = await new Promise<StatsReport[]>((resolve) =>
    withStats.getStats((error, stats) => resolve(error ? [] : stats)),
  );
  const sum = (type: string) =>
    reports
      .filter((report) => report.type === type)
      .reduce((total, report) => total + (report.bytesSent ?? 0), 0);
  return sum("transport") || sum("candidate-pair");
}
