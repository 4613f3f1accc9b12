import type { ServerMetrics } from "../metrics/serverMetrics";
import type { ClientSocket } from "../types";

/** What a TURN error code says (RTCPeerConnectionIceErrorEvent.errorCode). */
function kindOf(code: number): "unauthorized" | "unreachable" | "other" {
  if (code === 401) return "unauthorized";
  if (code === 701) return "unreachable";
  return "other";
}

/**
 * `iceError`: a page met a TURN error; counted by kind (`nicepiano_turn_errors_total`),
 * for the operator's alert. Anything but an integer code is dropped.
 */
export function registerIceErrorReports(
  socket: ClientSocket,
  metrics: Pick<ServerMetrics, "turnErrors" | "droppedEvents">,
): void {
  socket.on("iceError", (code: unknown) => {
    if (!Number.isInteger(code) || (code as number) < 0 || (code as number) > 999) {
      metrics.droppedEvents.inc({ event: "iceError" });
      return;
    }
    metrics.turnErrors.inc({ kind: kindOf(code as number) });
  });
}
