import { ROOM_SOCKET_OPTIONS, RoomSession, type RoomSocket } from "@nicepiano/client/room";
import type { PeerFactory } from "@nicepiano/client/mesh";
import type { NoteTransportKind } from "@nicepiano/client/notes";
import { signedInAuth, type JoinAnswer, type RoomName } from "@nicepiano/protocol";
import { io } from "socket.io-client";
import { createNodePeer } from "./nodePeers";

/** A musician without a browser: the client's own room code on Node's WebRTC stack. */
export interface VirtualMusician {
  socket: RoomSocket;
  session: RoomSession;
  answer: JoinAnswer;
  /** How long the server took to answer the join, ms. */
  joinAckMs: number;
  /** Leaves and disconnects. Safe to call twice. */
  close(): void;
}

export interface VirtualMusicianOptions {
  /** Node's WebRTC stack by default. */
  createPeer?: PeerFactory;
  /** This machine's clock as the musician reads it (a test gives one that is off). */
  localClock?: () => number;
  /** How notes cross the channels (the client's default, loss-proof, when not given). */
  transport?: NoteTransportKind;
  /** A certificate to trust for an HTTPS `url` (a test's own, made for the balancer). */
  ca?: string;
  /** Signs the socket in, as a signed-in page's is (a guest's without). */
  token?: string;
  /**
   * The version of the account's recordings list held, said at each (re)connection as a
   * page says it (`HandshakeAuth.recordings`).
   */
  listVersion?: () => number | undefined;
  /**
   * How long to keep trying to connect, ms. A page keeps trying (socket.io connects again
   * after an error or a connection that took over 20 s); a musician that is not connected
   * by then has failed. Infinity: as long as a page would, until `signal` aborts.
   */
  connectLimitMs?: number;
  /** Stops it trying to connect (the start fails) when aborted: the musician has left. */
  signal?: AbortSignal;
}

/** A musician not connected after this has failed (60 s: bench:musicians' arrival limit). */
const CONNECT_LIMIT_MS = 60_000;

export async function startVirtualMusician(
  url: string,
  room: RoomName,
  name: string,
  {
    createPeer = createNodePeer,
    ca,
    token,
    listVersion = () => undefined,
    connectLimitMs = CONNECT_LIMIT_MS,
    signal,
    ...options
  }: VirtualMusicianOptions = {},
): Promise<VirtualMusician> {
  const socket: RoomSocket = io(url, {
    ...ROOM_SOCKET_OPTIONS,
    forceNew: true,
    ...(ca ? { ca } : {}),
    ...(token ? { auth: (send) => send(signedInAuth(token, listVersion())) } : {}),
  });
  const session = new RoomSession({ socket, createPeer, ...options });
  const close = () => {
    session.destroy();
    socket.disconnect();
  };
  try {
    await connected(socket, connectLimitMs, signal);
    const asked = performance.now();
    const answer = await session.join(room, name);
    return { socket, session, answer, joinAckMs: performance.now() - asked, close };
  } catch (error) {
    close();
    throw error;
  }
}

/**
 * Resolves once `socket` is connected. An error socket.io will try again after (no answer,
 * a server too busy to take the connection in time, or not up yet) is waited through, as
 * a page waits; one it will not (the server refused the connection) rejects, as do
 * `limitMs` passing and `signal` aborting.
 */
function connected(socket: RoomSocket, limitMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let lastError = "none";
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.off("connect", onConnect);
      socket.off("connect_error", onError);
      signal?.removeEventListener("abort", onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onConnect = () => finish();
    const onError = (error: Error) => {
      lastError = error.message;
      if (!socket.active) finish(error);
    };
    const timer =
      limitMs === Infinity
        ? undefined
        : setTimeout(
            () =>
              finish(new Error(`not connected within ${limitMs} ms (last error: ${lastError})`)),
            limitMs,
          );
    const onAbort = () => finish(new Error(`left before connecting (last error: ${lastError})`));
    if (signal?.aborted) return onAbort();
    socket.on("connect", onConnect);
    socket.on("connect_error", onError);
    signal?.addEventListener("abort", onAbort);
  });
}

/** Resolves once `musician` has an open data channel to `count` peers. */
export function whenConnectedTo(
  musician: VirtualMusician,
  count: number,
  ms = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (musician.session.openPeers().length < count) return;
      clearTimeout(timer);
      musician.session.events.off("peerState", check);
      resolve();
    };
    const timer = setTimeout(() => {
      musician.session.events.off("peerState", check);
      reject(
        new Error(
          `${musician.answer.self.name}: ${musician.session.openPeers().length}/${count} channels open after ${ms} ms`,
        ),
      );
    }, ms);
    musician.session.events.on("peerState", check);
    check();
  });
}
