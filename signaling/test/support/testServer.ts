import type {
  Ack,
  ClientToServerEvents,
  JoinAnswer,
  OutgoingSignal,
  ServerToClientEvents,
} from "@nicepiano/protocol";
import { pino } from "pino";
import {
  io as connect,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from "socket.io-client";
import { DEFAULT_CONFIG, type ServerConfig } from "../../src/config";
import type { Backend } from "../../src/backend";
import { createSignalingServer, type RunningServer } from "../../src/signalingServer";

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * socket.io-client's options, and the source address on loopback (`127.0.0.2`…), which
 * engine.io-client hands to Node's WebSocket (it is not in socket.io-client's types).
 */
export type ClientOptions = Partial<ManagerOptions & SocketOptions> & { localAddress?: string };

export interface TestServer {
  server: RunningServer;
  url: string;
  /**
   * A connected client (signed in with `token`, if given); closed by `close()`. `options`
   * go to socket.io-client; `first` sees the client before it connects (to hear what
   * the server sends at once).
   */
  connect(
    token?: string,
    options?: ClientOptions,
    first?: (client: TestClient) => void,
  ): Promise<TestClient>;
  close(): Promise<void>;
}

/**
 * A real signaling server on a free loopback port, with silent logs. Its back end is the
 * one `overrides` names, or `backend` (several instances can share one, as in a cluster).
 */
export async function startTestServer(
  overrides: Partial<ServerConfig> = {},
  backend?: Backend,
): Promise<TestServer> {
  const config = { ...DEFAULT_CONFIG, host: "127.0.0.1", port: 0, ...overrides };
  const server = await createSignalingServer(config, pino({ level: "silent" }), backend);
  const { port } = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  const clients: TestClient[] = [];
  return {
    server,
    url,
    connect: async (token, options = {}, first = () => {}) => {
      const client: TestClient = connect(url, {
        transports: ["websocket"],
        forceNew: true,
        ...(token ? { auth: { token } } : {}),
        ...options,
      });
      clients.push(client);
      // Answered as every page answers them: a member whose pings go unanswered is taken
      // for one whose network went away. (A test of that takes these listeners off.)
      client.on("latencyPing", (_table, ack) => ack());
      client.on("clockPing", (_ping, ack) => ack());
      first(client);
      await new Promise<void>((resolve, reject) => {
        client.once("connect", resolve);
        client.once("connect_error", reject);
      });
      return client;
    },
    close: async () => {
      for (const client of clients) client.disconnect();
      await server.close();
    },
  };
}

export async function join(client: TestClient, room: string, name = "player"): Promise<JoinAnswer> {
  const answer = await client.emitWithAck("join", { room, name });
  if (!answer.ok) throw new Error(`join failed: ${answer.error.code}`);
  return answer.data;
}

/** Resolves with the next `event`'s arguments, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  client: TestClient,
  event: E,
  ms = 3000,
): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    // socket.io-client types a listener per event; this one takes any of them.
    const listener = (...args: unknown[]) => {
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(args as Parameters<ServerToClientEvents[E]>);
    };
    client.on(event, listener as never);
  });
}

/** Sends an event with arbitrary arguments, as a broken or hostile client might. */
export function emitRaw(
  client: TestClient,
  event: string,
  ...args: unknown[]
): Promise<Ack<unknown>> {
  return (client as unknown as Socket).timeout(2000).emitWithAck(event, ...args) as Promise<
    Ack<unknown>
  >;
}

/**
 * Sends a signal and waits for the server's answer. (Pages send theirs without asking for
 * one, so the event's type leaves the acknowledgement out of Socket.IO's inference.)
 */
export async function signalWithAck(
  client: TestClient,
  signal: OutgoingSignal,
): Promise<Ack<null>> {
  return (await client.emitWithAck("signal", signal)) as Ack<null>;
}
