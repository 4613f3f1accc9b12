import { createServer, type Server as HttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { LIMITS } from "@nicepiano/protocol";
import { Server } from "socket.io";
import { registerAuthenticateHandler } from "./auth/authenticateHandler";
import { authenticateSocket } from "./auth/authenticateSocket";
import { createBackend, type Backend } from "./backend";
import type { ServerConfig } from "./config";
import { createHttpApp } from "./http/createHttpApp";
import { ServerMetrics } from "./metrics/serverMetrics";
import { TimedRecordingStore } from "./metrics/timedRecordingStore";
import { LatencyPinger } from "./latency/latencyPinger";
import { LatencyTracker } from "./latency/latencyTracker";
import { createLogger, type Logger } from "./logger";
import { registerPlaybackHandlers } from "./playback/playbackHandlers";
import { startTokenRecheck } from "./auth/tokenRecheck";
import { startOrphanedLoopSweep } from "./playback/orphanedLoops";
import { RecordingsInPlay } from "./playback/recordingsInPlay";
import { accountPages, followAccount, tellIfListChanged } from "./recordings/accountPages";
import { RoomPlaybacks } from "./playback/roomPlaybacks";
import { MemberDirectory } from "./rooms/memberDirectory";
import { LocalPeers } from "./rooms/localPeers";
import { registerRoomHandlers, type RoomHandlerDeps } from "./rooms/roomHandlers";
import { Rebalancer } from "./cluster/rebalancer";
import { registerIceErrorReports } from "./turn/iceErrorReports";
import { ListedRoomsFeed } from "./rooms/listedRooms";
import { registerRoomChat } from "./rooms/roomChat";
import {
  receivePromotions,
  receiveRemovals,
  registerRaiseHand,
  registerRoomControls,
} from "./rooms/roomControls";
import { RoomSettingsRegistry } from "./rooms/roomSettingsRegistry";
import { buildSampleCatalog } from "./samples/sampleCatalog";
import { receiveRelayedFrames, registerListenerFeed, registerNoteRelay } from "./signals/noteRelay";
import { receiveRelayedSignals, registerSignalRelay } from "./signals/signalRelay";
import type { Cluster } from "./cluster/cluster";
import { LocalCluster } from "./cluster/localCluster";
import { checkReadiness } from "./http/readiness";
import { clientAddress } from "./guard/clientAddress";
import { originAllowed } from "./guard/originPolicy";
import { RequestLimiter } from "./guard/requestLimiter";
import { guardSocket } from "./guard/socketGuard";
import { knownEvents, type LimitKind } from "./guard/rateLimits";
import type { SignalingServer } from "./types";
import type { TlsCredentials } from "./tls/tlsCredentials";

/**
 * New connections waiting to be accepted, at most (the kernel caps it at
 * net.core.somaxconn, 4096 by default). Node's default, 511, overflowed on an instance held
 * to a quarter of a core with 2,250 players: slow for a moment, it had thousands of new
 * connections dropped by the kernel, each tried again a second later, and requests waited
 * seconds (BENCHMARKS.md, musicians per instance). Every player of a stopped instance
 * knocks on the others within a second or two too.
 */
const LISTEN_BACKLOG = 4096;

export interface RunningServer {
  io: SignalingServer;
  backend: Backend;
  http: HttpServer;
  logger: Logger;
  /**
   * Lets clients send `event` (counted against `kind`'s limits): for a server built on
   * this one with events of its own. Any other event is dropped.
   */
  allowEvent(event: string, kind: LimitKind): void;
  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(): Promise<AddressInfo>;
  /**
   * Stops gracefully: no new connections, clients told (by the closed connection) to
   * reconnect, members kept for them to resume. Safe to call twice.
   */
  close(): Promise<void>;
}

/**
 * Builds the whole server: HTTP routes and API, Socket.IO and the latency pinger. The
 * back end defaults to the one `config` names; `close()` closes it too. With `tls`
 * (`loadTlsCredentials(config.tls)`), it serves HTTPS.
 */
export async function createSignalingServer(
  config: ServerConfig,
  logger = createLogger(config.logLevel),
  given?: Backend,
  tls?: TlsCredentials,
): Promise<RunningServer> {
  const backend = given ?? (await createBackend(config));
  // Loaded only when there is a Redis to join: the embedded default does without the
  // Redis client and adapter, as it does without Firebase (`createBackend`).
  const redis = config.redisUrl
    ? { url: config.redisUrl, ...(await import("./cluster/redisCluster")) }
    : undefined;
  const samples = buildSampleCatalog();
  const limiter = new RequestLimiter({ exempt: config.rateLimitExempt });
  const events = knownEvents();
  const metrics = new ServerMetrics(
    () => io.of("/").sockets.values(),
    () => cluster,
  );
  const served: Backend = {
    ...backend,
    recordings: new TimedRecordingStore(backend.recordings, metrics.storeOperations),
  };
  // The embedded store's disk: a full one fails every save and sign-up.
  const disk =
    backend.kind === "embedded" && config.dataDir
      ? { dir: config.dataDir, minFreeBytes: config.minFreeDiskBytes }
      : undefined;
  const listing = new ListedRoomsFeed(config.listedRoomsRoundMs);
  const app = createHttpApp({
    clientDist: config.clientDist,
    samples,
    backend: served,
    logger,
    readiness: () => checkReadiness(served.recordings, cluster, disk),
    metrics: metrics.registry,
    guard: { ...config, limiter, metrics },
    listing,
    // Every page signed in to the account, on every instance, asks for its list again.
    recordingsChanged: (accountId) => io.to(accountPages(accountId)).emit("recordingsChanged"),
  });
  const http: HttpServer = tls ? createHttpsServer(tls, app) : createServer(app);
  const io: SignalingServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: LIMITS.socketMessageBytes,
    // Engine.IO's own heartbeat (Socket.IO's defaults) finds dead connections outside
    // rooms. A member's are found by its latency pings (`onUnanswered` below: one not
    // answered in time closes the connection as lost), which come every 30 s at most: a
    // player whose network is gone is seen gone within about 35 s. The heartbeat comes
    // every 25 s, not every 10 s: at 10 s it was a third of what an idle member cost
    // (BENCHMARKS.md, musicians per instance).
    pingInterval: 25_000,
    pingTimeout: 20_000,
    allowRequest: (req, callback) => {
      if (!originAllowed(req.headers.origin, req.headers.host, config.allowedOrigins)) {
        return callback(null, false);
      }
      // Engine.IO asks this for new connections only (a request naming a session it
      // knows is let through before, one it does not know is refused), so each call is
      // a new connection, counted against its address whatever its URL says.
      if (!limiter.take(clientAddress(req, config.proxyHops), "connect")) {
        metrics.refusedRequests.inc({ kind: "connect" });
        return callback(null, false);
      }
      callback(null, true);
    },
  });
  const latency = new LatencyTracker();
  const cluster: Cluster = redis
    ? redis.joinRedisCluster(io, redis.url, logger)
    : new LocalCluster(io);
  const pinger = new LatencyPinger({
    io,
    tracker: latency,
    intervalMs: config.pingIntervalMs,
    maxIntervalMs: config.pingMaxIntervalMs,
    timeoutMs: config.pingTimeoutMs,
    onMeasured: (rttMs) => metrics.pingRtt.observe(rttMs / 1000),
    // Closed as the network would have (the client reconnects; the room keeps its place).
    onUnanswered: (socket) => {
      metrics.unansweredPings.inc();
      socket.data.unanswered = true;
      socket.conn.close();
    },
    cluster,
  });

  const inPlay = new RecordingsInPlay(served.recordings);
  const playbacks = new RoomPlaybacks(io, cluster, inPlay, logger);
  // Asked for its list only once running: `peers` is made just below.
  const directory: MemberDirectory = new MemberDirectory(cluster, () => peers.roster(), logger);
  const peers: LocalPeers = new LocalPeers(io, cluster, playbacks, config.resumeGraceMs, directory);
  const settings = new RoomSettingsRegistry(io, cluster, config.maxRoomMembers);
  const rebalancer = new Rebalancer(io, cluster, logger, {
    roundMs: config.rebalanceRoundMs,
    margin: config.rebalanceMargin,
  });
  const roomDeps: RoomHandlerDeps = {
    io,
    config,
    latency,
    playbacks,
    peers,
    directory,
    settings,
    cluster,
    metrics,
    logger,
  };
  receiveRemovals(roomDeps);
  receivePromotions(roomDeps);
  receiveRelayedSignals(cluster, peers);
  receiveRelayedFrames(cluster, peers);

  io.use(authenticateSocket(backend.verifier));
  io.on("connection", (socket) => {
    const from = clientAddress(socket.request, config.proxyHops);
    followAccount(socket);
    void tellIfListChanged(socket, served.recordings, logger);
    guardSocket(socket, from, { limiter, events, metrics, logger });
    registerRoomHandlers(socket, roomDeps);
    registerRoomControls(socket, roomDeps);
    registerRoomChat(socket, roomDeps);
    registerRaiseHand(socket, roomDeps);
    registerIceErrorReports(socket, metrics);
    registerPlaybackHandlers(socket, {
      recordings: inPlay,
      playbacks,
      verifier: backend.verifier,
      logger,
    });
    registerAuthenticateHandler(socket, backend.verifier, logger);
    registerSignalRelay(socket, { peers, directory, cluster, metrics });
    registerNoteRelay(socket, { peers, directory, cluster, metrics, settings });
    registerListenerFeed(socket, { io, directory, metrics, settings });
    socket.on("clock", (ack: unknown) => {
      if (typeof ack === "function") (ack as (serverTime: number) => void)(Date.now());
    });
  });

  let closing: Promise<void> | undefined;
  let stopTokenRecheck: (() => void) | undefined;
  let stopLoopSweep: (() => void) | undefined;
  return {
    io,
    backend,
    http,
    logger,
    allowEvent: (event, kind) => void events.set(event, kind),
    listen: () =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
          http.off("error", reject);
          // Listening, an error of the server (an accept refused for want of files) is
          // logged: with no listener at all it would end the process.
          http.on("error", (error) => logger.error({ err: error }, "http server error"));
          pinger.start();
          directory.start();
          listing.start(directory.instance, io, cluster, settings);
          rebalancer.start(directory.instance);
          stopTokenRecheck ??= startTokenRecheck(
            io,
            backend.verifier,
            config.tokenRecheckMs,
            logger,
          );
          stopLoopSweep ??= startOrphanedLoopSweep(
            playbacks,
            cluster,
            peers,
            config.orphanSweepMs,
            logger,
          );
          const address = http.address() as AddressInfo;
          logger.info({ host: address.address, port: address.port }, "listening");
          resolve(address);
        });
      }),
    close: () => {
      closing ??= (async () => {
        pinger.stop();
        listing.stop();
        rebalancer.stop();
        stopTokenRecheck?.();
        stopLoopSweep?.();
        directory.stop();
        // Its members will be back (on another instance, through the load balancer, or
        // on this one restarted): they leave quietly, and the others wait for them.
        const members = peers.suspendAll();
        logger.info({ members }, "stopping; clients reconnect by themselves");
        // io.close() stops accepting and closes every client connection (clients see the
        // transport close and reconnect with jittered backoff), then the HTTP server.
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        playbacks.close();
        peers.close();
        settings.close();
        // QUIT sends what is queued (the goodbyes above) before the link goes.
        await Promise.all([cluster.close(), backend.close()]);
      })();
      return closing;
    },
  };
}
