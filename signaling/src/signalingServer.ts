import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LIMITS } from "@nicepiano/protocol";
import { Server } from "socket.io";
import type { ServerConfig } from "./config";
import { createHttpApp } from "./http/createHttpApp";
import { LatencyPinger } from "./latency/latencyPinger";
import { LatencyTracker } from "./latency/latencyTracker";
import { createLogger, type Logger } from "./logger";
import { registerRoomHandlers } from "./rooms/roomHandlers";
import { buildSampleCatalog } from "./samples/sampleCatalog";
import { registerSignalRelay } from "./signals/signalRelay";
import type { SignalingServer } from "./types";

export interface RunningServer {
  io: SignalingServer;
  http: HttpServer;
  logger: Logger;
  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen(): Promise<AddressInfo>;
  /** Disconnects every client and stops. Safe to call twice. */
  close(): Promise<void>;
}

/** Builds the whole signaling server: HTTP routes, Socket.IO and the latency pinger. */
export function createSignalingServer(
  config: ServerConfig,
  logger = createLogger(config.logLevel),
): RunningServer {
  const http = createServer(
    createHttpApp({ clientDist: config.clientDist, samples: buildSampleCatalog(), logger }),
  );
  const io: SignalingServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: LIMITS.socketMessageBytes,
  });
  const latency = new LatencyTracker();
  const pinger = new LatencyPinger({
    io,
    tracker: latency,
    intervalMs: config.pingIntervalMs,
    timeoutMs: config.pingTimeoutMs,
  });

  io.on("connection", (socket) => {
    registerRoomHandlers(socket, { io, config, latency, logger });
    registerSignalRelay(socket, io, logger);
    socket.on("clock", (ack: unknown) => {
      if (typeof ack === "function") (ack as (serverTime: number) => void)(Date.now());
    });
  });

  let closing: Promise<void> | undefined;
  return {
    io,
    http,
    logger,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => {
          http.off("error", reject);
          pinger.start();
          const address = http.address() as AddressInfo;
          logger.info({ host: address.address, port: address.port }, "listening");
          resolve(address);
        });
      }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        pinger.stop();
        // io.close() disconnects every socket and closes the HTTP server too.
        void io.close(() => resolve());
      });
      return closing;
    },
  };
}
