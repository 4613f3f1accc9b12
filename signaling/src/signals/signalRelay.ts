import { ackError, ackOk, outgoingSignalSchema, parseWith } from "@nicepiano/protocol";
import { replyTo } from "../ack";
import type { Cluster } from "../cluster/cluster";
import type { ServerMetrics } from "../metrics/serverMetrics";
import type { LocalPeers } from "../rooms/localPeers";
import type { MemberDirectory } from "../rooms/memberDirectory";
import type { ClientSocket } from "../types";

export interface SignalRelayDeps {
  peers: LocalPeers;
  directory: MemberDirectory;
  cluster: Cluster;
  metrics: Pick<ServerMetrics, "signals">;
}

/**
 * Relays WebRTC signals, only between two members of the same room. A peer on this
 * instance is checked and reached at once; one the directory places in the room on
 * another instance (or any, while the directory does not know) gets it through the other
 * instances, and the one holding the peer checks the room before it delivers. No signal
 * waits for a cross-instance question.
 */
export function registerSignalRelay(
  socket: ClientSocket,
  { peers, directory, cluster, metrics }: SignalRelayDeps,
): void {
  socket.on("signal", (raw: unknown, ack: unknown) => {
    const reply = replyTo<null>(ack);
    const parsed = parseWith(outgoingSignalSchema, raw);
    if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
    const { room, member } = socket.data;
    if (!room || !member) return reply(ackError("not-in-room"));
    // Listeners have no peer connections: none is started with or by one.
    if (member.listener) return reply(ackError("listening"));
    const { to, data } = parsed.value;
    const signal = { from: member.id, data };
    const local = peers.get(to);
    if (local && to !== member.id && local.data.room === room && !local.data.member?.listener) {
      local.emit("signal", signal);
      metrics.signals.inc({ path: "local" });
    } else if (
      !local &&
      directory.playerElsewhere(room, to) !== false &&
      cluster.tell("signal", { room, to, signal })
    ) {
      metrics.signals.inc({ path: "cluster" });
    } else {
      return reply(ackError("unknown-peer"));
    }
    reply(ackOk(null));
  });
}

/** Delivers signals that other instances relay to this one's sockets, after the room check. */
export function receiveRelayedSignals(cluster: Cluster, peers: LocalPeers): void {
  cluster.hear("signal", ({ room, to, signal }) => {
    const target = peers.get(to);
    if (target?.data.room === room && !target.data.member?.listener) target.emit("signal", signal);
  });
}
