import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { ClientSocket } from "../types";

/**
 * What `/metrics` tells Prometheus about this instance: its sockets and rooms, joins and
 * signals (rates come from the counters), the clients' round trips, store latency and the
 * process itself. One registry per server, so several can share a process (tests).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly joins: Counter;
  readonly joinRefusals: Counter<"code">;
  readonly turnErrors: Counter<"kind">;
  readonly signals: Counter<"path">;
  readonly relayedFrames: Counter<"path">;
  readonly pingRtt: Histogram;
  readonly storeOperations: Histogram<"operation" | "outcome">;
  readonly refusedRequests: Counter<"kind">;
  readonly unknownEvents: Counter;
  readonly kickedSockets: Counter;
  readonly unansweredPings: Counter;
  readonly droppedEvents: Counter<"event">;

  /**
   * `sockets` gives this instance's sockets when Prometheus asks; `cluster`, whether it
   * reaches the other instances (through Redis), or undefined when it runs alone.
   */
  constructor(
    sockets: () => Iterable<ClientSocket>,
    cluster: () => { kind: string; connected: boolean } = () => ({
      kind: "standalone",
      connected: true,
    }),
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: "nicepiano_connected_sockets",
      help: "Socket.IO clients connected to this instance.",
      registers,
      collect() {
        this.set([...sockets()].length);
      },
    });
    new Gauge({
      name: "nicepiano_rooms",
      help: "Rooms with at least one member on this instance.",
      registers,
      collect() {
        const rooms = new Set<string>();
        for (const socket of sockets()) {
          if (socket.data.room) rooms.add(socket.data.room);
        }
        this.set(rooms.size);
      },
    });
    new Gauge({
      name: "nicepiano_cluster_connected",
      help: "1 while this instance reaches the others (through Redis; always 1 standalone), else 0.",
      labelNames: ["kind"],
      registers,
      collect() {
        const { kind, connected } = cluster();
        this.reset();
        this.set({ kind }, connected ? 1 : 0);
      },
    });
    this.joinRefusals = new Counter({
      name: "nicepiano_join_refusals_total",
      help: "Room joins refused, by error code (internal: the server could not check the room).",
      labelNames: ["code"],
      registers,
    });
    this.turnErrors = new Counter({
      name: "nicepiano_turn_errors_total",
      help: "TURN errors players' pages met: unauthorized (credentials refused: TURN_SECRET differs from coturn's), unreachable, other.",
      labelNames: ["kind"],
      registers,
    });
    this.joins = new Counter({
      name: "nicepiano_joins_total",
      help: "Room joins accepted by this instance.",
      registers,
    });
    this.signals = new Counter({
      name: "nicepiano_signals_total",
      help: "WebRTC signals relayed: to a peer on this instance (local) or through Redis (cluster).",
      labelNames: ["path"],
      registers,
    });
    this.relayedFrames = new Counter({
      name: "nicepiano_relayed_notes_total",
      help: "Peer messages relayed by the server: for peers without an open data channel, and to listeners.",
      labelNames: ["path"],
      registers,
    });
    this.pingRtt = new Histogram({
      name: "nicepiano_ping_rtt_seconds",
      help: "Round trip of the server's latency pings to its clients.",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    });
    this.refusedRequests = new Counter({
      name: "nicepiano_refused_requests_total",
      help: "Requests (socket events and API calls) refused for going over a rate limit, by kind.",
      labelNames: ["kind"],
      registers,
    });
    this.unknownEvents = new Counter({
      name: "nicepiano_unknown_events_total",
      help: "Socket events no client sends, dropped.",
      registers,
    });
    this.kickedSockets = new Counter({
      name: "nicepiano_kicked_sockets_total",
      help: "Sockets disconnected for flooding.",
      registers,
    });
    this.unansweredPings = new Counter({
      name: "nicepiano_unanswered_pings_total",
      help: "Latency pings not answered in time, each closing its connection as lost.",
      registers,
    });
    this.droppedEvents = new Counter({
      name: "nicepiano_dropped_events_total",
      help: "Malformed socket events that ask for no answer (relayed frames), dropped.",
      labelNames: ["event"],
      registers,
    });
    this.storeOperations = new Histogram({
      name: "nicepiano_store_operation_seconds",
      help: "Recording store operations, by operation and outcome.",
      labelNames: ["operation", "outcome"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
  }
}
