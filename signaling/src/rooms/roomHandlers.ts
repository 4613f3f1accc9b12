import {
  ackError,
  ackOk,
  displayNameSchema,
  joinRequestSchema,
  listenersOf,
  parseWith,
  type Ack,
  type IceServersAnswer,
  type JoinAnswer,
  type Member,
} from "@nicepiano/protocol";
import { oneAtATime, replyTo } from "../ack";
import type { LatencyTracker } from "../latency/latencyTracker";
import type { Cluster } from "../cluster/cluster";
import type { ServerMetrics } from "../metrics/serverMetrics";
import type { RoomPlaybacks } from "../playback/roomPlaybacks";
import type { LocalPeers } from "./localPeers";
import type { Logger } from "../logger";
import type { ServerConfig } from "../config";
import type { ClientSocket, SignalingServer } from "../types";
import { iceServersFor } from "../turn/iceServersFor";
import { LISTENER_COLOR, pickColor } from "./memberColors";
import type { MemberDirectory } from "./memberDirectory";
import { memberIdOf } from "./memberIds";
import { membersOf } from "./roomMembers";
import { RoomSettingsUnknown, type RoomSettingsRegistry } from "./roomSettingsRegistry";

export interface RoomHandlerDeps {
  io: SignalingServer;
  config: Pick<ServerConfig, "maxRoomMembers" | "maxRoomListeners" | "iceServers" | "turn">;
  latency: LatencyTracker;
  playbacks: RoomPlaybacks;
  peers: LocalPeers;
  directory: MemberDirectory;
  settings: RoomSettingsRegistry;
  cluster: Cluster;
  metrics: Pick<ServerMetrics, "joins" | "joinRefusals">;
  logger: Logger;
}

/** Socket.IO's reasons for a disconnection nobody asked for. */
const LOST_CONNECTION = new Set<string>(["transport close", "transport error", "ping timeout"]);

/** join, leave, rename and disconnect for one socket. */
export function registerRoomHandlers(socket: ClientSocket, deps: RoomHandlerDeps): void {
  const { config, latency, playbacks, peers, directory, settings, cluster, metrics, logger } = deps;

  // One join at a time per socket: each leaves the room of the one before, and a page
  // sending several at once ends in the room of its last, there once.
  socket.on(
    "join",
    oneAtATime(logger, "join", async (raw: unknown, ack: unknown) => {
      const answer = replyTo<JoinAnswer>(ack);
      const reply = (result: Ack<JoinAnswer>) => {
        if (!result.ok) metrics.joinRefusals.inc({ code: result.error.code });
        answer(result);
      };
      const parsed = parseWith(joinRequestSchema, raw);
      if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
      const { room, name, key, color, listen, clockInPings } = parsed.value;
      const id = key ? memberIdOf(key) : socket.id;
      leaveRoom(socket, deps);

      const self: Member = { id, name, color: "", joinedAt: Date.now() };
      if (socket.data.account) self.signedIn = true;
      // Join the Socket.IO room before reading the member list and announce after it: of
      // two sockets joining at once, each then either reads the other in the list or
      // receives its announcement. Until the room lets it in, the socket is only
      // `joining`: no member of it, so it can neither signal nor relay nor be listed.
      socket.data.joining = room;
      await socket.join(room);
      const others = (await membersOf(cluster, room, directory)).filter(
        (member) => member.id !== id,
      );
      const left = () => socket.data.joining !== room;
      if (left()) return reply(ackError("not-in-room", "Left while joining."));
      const record = await settings.forJoin(room, id, others.length > 0).catch((error) => {
        if (!(error instanceof RoomSettingsUnknown)) throw error;
        return null;
      });
      if (!record) {
        leaveRoom(socket, deps);
        return reply(ackError("internal", "The room could not be checked just now: try again."));
      }
      if (left()) return reply(ackError("not-in-room", "Left while joining."));
      const refusal = settings.refusal(record, id);
      if (refusal) {
        leaveRoom(socket, deps);
        return reply(ackError(refusal));
      }
      const limit = Math.min(config.maxRoomMembers, record.settings.performerLimit);
      const players = others.filter((member) => !member.listener);
      // Beyond the players' limit (or by choice), a newcomer listens: no peer connections,
      // the notes through the server.
      if (listen || players.length >= limit) {
        if (others.length - players.length >= config.maxRoomListeners) {
          leaveRoom(socket, deps);
          const listeners = config.maxRoomListeners;
          return reply(
            ackError(
              "room-full",
              `This room is full (${limit} players and ${listeners} listeners at most).`,
            ),
          );
        }
        self.listener = true;
        await socket.join(listenersOf(room));
        if (left()) return reply(ackError("not-in-room", "Left while joining."));
      }
      self.color = self.listener ? LISTENER_COLOR : pickColor(players, color);
      // One coming back to the room it lost its connection to keeps its place: its
      // arrival (who calls whom, who runs the room while its owner is away) is the one
      // the room knows.
      const returning = key ? peers.returning(id, room) : undefined;
      if (returning) self.joinedAt = returning.member.joinedAt;
      socket.data.joining = undefined;
      socket.data.room = room;
      socket.data.member = self;
      socket.data.enteredAt = Date.now();
      socket.data.clockInPings = clockInPings === true;
      peers.claim(id, room, socket);
      settings.admit(room, id);
      if (returning && sameMember(returning.member, self)) {
        void announceReturn(socket, self, returning.since, deps);
      } else {
        socket.to(room).emit("memberJoined", self);
      }
      metrics.joins.inc();
      const { listener = false } = self;
      logger.info(
        { peer: id, room, members: others.length + 1, listener, resumed: !!key },
        "joined",
      );
      reply(
        ackOk({
          self,
          members: others,
          ...withExpiry(iceServersFor(config, self)),
          serverTime: Date.now(),
          latency: latency.table(others.map((member) => member.id)),
          account: socket.data.account ?? null,
          playbacks: playbacks.inRoom(room),
          settings: record.settings,
          chat: record.chat,
          ...(socket.data.authError ? { authError: socket.data.authError } : {}),
        }),
      );
    }),
  );

  socket.on("iceServers", (ack: unknown) => {
    const reply = replyTo<IceServersAnswer>(ack);
    const { member } = socket.data;
    if (!member) return reply(ackError("not-in-room"));
    if (member.listener) return reply(ackError("listening"));
    reply(ackOk(iceServersFor(config, member)));
  });

  socket.on("leave", (ack: unknown) => {
    leaveRoom(socket, deps);
    replyTo<null>(ack)(ackOk(null));
  });

  socket.on("rename", (raw: unknown, ack: unknown) => {
    const reply = replyTo<Member>(ack);
    const parsed = parseWith(displayNameSchema, raw);
    if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
    const { room, member } = socket.data;
    if (!room || !member) return reply(ackError("not-in-room"));
    member.name = parsed.value;
    peers.updated(socket);
    socket.to(room).emit("memberUpdated", member);
    reply(ackOk(member));
  });

  socket.on("disconnect", (reason) => {
    // A member with a key whose connection was lost (not closed) is most likely coming
    // back at once: the room waits for it rather than tearing down its channels.
    const member = socket.data.member;
    const lost = LOST_CONNECTION.has(reason) || socket.data.unanswered === true;
    if (member && member.id !== socket.id && lost) peers.suspend(socket);
    leaveRoom(socket, deps);
    logger.debug({ peer: socket.id, reason }, "disconnected");
  });
}

/** How far apart two instances' clocks may be, ms: what one stamps, another compares. */
const CLOCK_MARGIN_MS = 1000;

/** Whether the room sees `a` and `b` alike (an arrival apart). */
function sameMember(a: Member, b: Member): boolean {
  return (
    a.name === b.name &&
    a.color === b.color &&
    a.listener === b.listener &&
    a.signedIn === b.signedIn
  );
}

/**
 * Tells the members who do not know it that a member that lost its connection at `since`
 * is back: the room never heard it leave, so only those who entered since (a newcomer
 * read the list without it) and those still entering. Read once the member is in the
 * room: of it and a newcomer entering at once, this read sees the newcomer (told) or the
 * newcomer's own read sees it. When the room cannot be read, all are told. (Telling all
 * whenever one did not know sent a room of 18 seventeen messages for each of a busy
 * instance's rejoins, most of them to members who knew.)
 */
async function announceReturn(
  socket: ClientSocket,
  self: Member,
  since: number,
  { cluster }: RoomHandlerDeps,
): Promise<void> {
  const room = socket.data.room!;
  const sockets = await cluster.socketsIn(room).catch(() => null);
  if (socket.data.room !== room) return;
  if (!sockets) return void socket.to(room).emit("memberJoined", self);
  const unaware = sockets
    .filter(
      ({ data: { member, enteredAt } }) =>
        member?.id !== self.id &&
        (member === undefined || enteredAt === undefined || enteredAt >= since - CLOCK_MARGIN_MS),
    )
    .map(({ id }) => id);
  // Each socket is in a room of its own id, on whichever instance holds it.
  if (unaware.length > 0) socket.to(unaware).emit("memberJoined", self);
}

/**
 * Takes the socket out of its room (if any) and tells the others, unless it leaves
 * quietly (replaced by a newer socket of the same member, or its instance is stopping:
 * the member is coming back). Safe to call twice.
 */
export function leaveRoom(
  socket: ClientSocket,
  { io, latency, playbacks, peers, settings, logger }: RoomHandlerDeps,
): void {
  const { room, member, joining } = socket.data;
  if (joining) {
    socket.data.joining = undefined;
    void socket.leave(joining);
  }
  if (!room || !member) return;
  socket.data.room = undefined;
  socket.data.member = undefined;
  peers.forget(member.id, socket);
  // A member leaving quietly is coming back: its round trip and ping pace are kept.
  if (socket.data.quiet) latency.away(member.id);
  else latency.forget(member.id);
  void socket.leave(room);
  if (member.listener) void socket.leave(listenersOf(room));
  if (!io.of("/").adapter.rooms.get(room)?.size) settings.emptied(room);
  if (socket.data.quiet) {
    logger.info({ peer: member.id, room }, "left quietly");
    return;
  }
  playbacks.stopAllBy(room, member.id);
  io.to(room).emit("memberLeft", member.id);
  logger.info({ peer: member.id, room }, "left");
}

/** An `iceServers` answer as the join answer's fields. */
function withExpiry({ iceServers, expiresAt }: IceServersAnswer) {
  return { iceServers, iceServersExpireAt: expiresAt };
}
