import type { JoinAnswer, Member, PeerId } from "@nicepiano/protocol";
import { freshRoomSettings } from "@nicepiano/protocol";
import { EventEmitter } from "node:events";
import type { PeerConnection, PeerConnectionOptions, PeerFactory } from "../mesh/peerFactory";
import type { RoomSocket } from "../room/roomSession";

/** A request the page made and waits on: the test answers it. */
export interface PendingRequest {
  event: string;
  args: unknown[];
  answer(value: unknown): void;
  fail(error: Error): void;
}

/**
 * The room's socket without a server, for unit tests of the session: the test says what
 * the server sends (`serverSends`) and answers each request (`answer`) when it likes, so
 * orders a real server makes rare (an offer before the join's answer) come on demand.
 */
export class FakeRoomSocket {
  id = "socket-1";
  connected = true;
  readonly requests: PendingRequest[] = [];
  /** What the page sent without waiting for an answer. */
  readonly sent: { event: string; args: unknown[] }[] = [];
  readonly #server = new EventEmitter();
  /** The connection under the socket: counts the times the page dropped it. */
  readonly io = {
    engine: {
      closed: 0,
      close() {
        this.closed++;
      },
    },
  };

  on(event: string, handler: (...args: unknown[]) => void): this {
    this.#server.on(event, handler);
    return this;
  }

  off(event: string, handler: (...args: unknown[]) => void): this {
    this.#server.off(event, handler);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    this.sent.push({ event, args });
    return this;
  }

  emitWithAck(event: string, ...args: unknown[]): Promise<unknown> {
    return new Promise((answer, fail) => this.requests.push({ event, args, answer, fail }));
  }

  /** The same socket: a test fails a request itself to stand for a timeout. */
  timeout(): this {
    return this;
  }

  /** The server sends `event` to the page. */
  serverSends(event: string, ...args: unknown[]): void {
    this.#server.emit(event, ...args);
  }

  /** The oldest request for `event` not yet answered (throws if there is none). */
  next(event: string): PendingRequest {
    const index = this.requests.findIndex((request) => request.event === event);
    if (index < 0) throw new Error(`no pending ${event} request`);
    return this.requests.splice(index, 1)[0]!;
  }

  /** Answers the oldest `event` request with `value`. */
  answer(event: string, value: unknown): void {
    this.next(event).answer(value);
  }

  /** The connection drops and comes back under a new id (as after a network blip). */
  reconnect(id: string): void {
    this.connected = true;
    this.id = id;
    this.serverSends("connect");
  }

  asRoomSocket(): RoomSocket {
    return this as unknown as RoomSocket;
  }
}

/** A peer connection that only records: what it was created with and signalled. */
export class FakePeer extends EventEmitter {
  readonly signals: unknown[] = [];
  /** What the page sent on the data channel. */
  readonly sent: Uint8Array[] = [];
  destroyed = false;

  constructor(readonly options: PeerConnectionOptions) {
    super();
  }

  signal(data: unknown): void {
    this.signals.push(data);
  }

  send(frame: Uint8Array): void {
    this.sent.push(frame);
  }

  destroy(): void {
    this.destroyed = true;
  }
}

/** A peer factory that hands out FakePeers and keeps them, newest last. */
export function fakePeers(): { createPeer: PeerFactory; peers: FakePeer[] } {
  const peers: FakePeer[] = [];
  const createPeer: PeerFactory = (options) => {
    const peer = new FakePeer(options);
    peers.push(peer);
    return peer as unknown as PeerConnection;
  };
  return { createPeer, peers };
}

export function member(id: PeerId, joinedAt: number, name = id): Member {
  return { id, name, color: "#3366ff", joinedAt };
}

/** A join answer: `self` in a room with `members`, nothing playing, default settings. */
export function joinAnswer(self: Member, members: Member[] = []): { ok: true; data: JoinAnswer } {
  return {
    ok: true,
    data: {
      self,
      members,
      iceServers: [],
      iceServersExpireAt: null,
      serverTime: 0,
      latency: {},
      account: null,
      playbacks: [],
      settings: freshRoomSettings(self.id, 16),
      chat: [],
    },
  };
}
