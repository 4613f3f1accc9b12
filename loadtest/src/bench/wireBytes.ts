import { statsOf, type PeerConnection } from "@nicepiano/client/mesh";

/**
 * Bytes `connection` has sent on the wire: its transport's count (every packet's UDP
 * payload: SCTP with its acknowledgements, inside DTLS), or, where the stack has no
 * transport statistics, the sum over its candidate pairs.
 */
export async function wireBytesSent(connection: PeerConnection): Promise<number> {
  const reports = await statsOf(connection);
  const sum = (type: string) =>
    reports
      .filter((report) => report.type === type)
      .reduce((total, report) => total + (report.bytesSent ?? 0), 0);
  return sum("transport") || sum("candidate-pair");
}
