import type {
  Account,
  Ack,
  ChatMessage,
  ClientToServerEvents,
  DisplayName,
  ErrorCode,
  IceServersAnswer,
  JoinAnswer,
  JoinRequest,
  Member,
  Playback,
  RoomControl,
  RoomSettings,
  ServerTime,
  ServerToClientEvents,
} from "@nicepiano/protocol";
import type { Socket } from "socket.io-client";

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a page does on each event from the server, and on (re)connecting or losing it. */
export type RoomHandlers = Partial<ServerToClientEvents> & {
  connect?: () => void;
  /** Socket.IO's reason: "io server disconnect" when the server sent us away. */
  disconnect?: (reason: string) => void;
};

/** A refusal from the server, with its code and a message for the UI. */
export class RoomError extends Error {
  override name = "RoomError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** A request that got no answer in time is a refusal like any other. */
const NO_ANSWER = new RoomError("internal", "The server did not answer in time.");

/** The answer's data, or its refusal thrown as a RoomError. */
export function dataOf<T>(answer: Ack<T>): T {
  if (!answer.ok) throw new RoomError(answer.error.code, answer.error.message);
  return answer.data;
}

/**
 * What a room page asks the server over its socket, typed, each answer checked: a
 * refusal (or, for the requests with a time limit, silence) comes back as a RoomError.
 */
export class RoomRequests {
  constructor(readonly socket: RoomSocket) {}

  /** Listens to the server with `handlers`; the answer stops listening. */
  listen(handlers: RoomHandlers): () => void {
    const entries = Object.entries(handlers);
    for (const [event, handler] of entries) this.socket.on(event as never, handler);
    return () => {
      for (const [event, handler] of entries) this.socket.off(event as never, handler);
    };
  }

  async join(request: JoinRequest, timeoutMs?: number): Promise<JoinAnswer> {
    if (timeoutMs === undefined) return dataOf(await this.socket.emitWithAck("join", request));
    const answer = (await this.socket
      .timeout(timeoutMs)
      .emitWithAck("join", request)
      .catch(() => {
        throw NO_ANSWER;
      })) as Ack<JoinAnswer>;
    return dataOf(answer);
  }

  async leave(): Promise<void> {
    await this.socket.emitWithAck("leave");
  }

  async rename(name: DisplayName): Promise<Member> {
    return dataOf(await this.socket.emitWithAck("rename", name));
  }

  async control(request: RoomControl): Promise<RoomSettings> {
    return dataOf(await this.socket.emitWithAck("control", request));
  }

  /** A listener raises their hand to play, or lowers it. */
  async hand(raised: boolean): Promise<RoomSettings> {
    return dataOf(await this.socket.emitWithAck("hand", raised));
  }

  /** Writes to the room's chat; the message as the server sent it. */
  async chat(text: string): Promise<ChatMessage> {
    return dataOf(await this.socket.emitWithAck("chat", text));
  }

  async play(recordingId: string, loop: boolean): Promise<Playback> {
    return dataOf(await this.socket.emitWithAck("play", { recordingId, loop }));
  }

  async stopPlayback(playbackId: string): Promise<void> {
    dataOf(await this.socket.emitWithAck("stopPlayback", playbackId));
  }

  async authenticate(token: string | null): Promise<Account | null> {
    return dataOf(await this.socket.emitWithAck("authenticate", token));
  }

  async iceServers(timeoutMs: number): Promise<IceServersAnswer> {
    const answer = (await this.socket
      .timeout(timeoutMs)
      .emitWithAck("iceServers")) as Ack<IceServersAnswer>;
    return dataOf(answer);
  }

  /** The server's clock now (one sample for the room clock). */
  async clock(timeoutMs: number): Promise<ServerTime> {
    return (await this.socket.timeout(timeoutMs).emitWithAck("clock")) as ServerTime;
  }
}
