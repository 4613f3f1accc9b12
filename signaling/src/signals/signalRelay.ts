import { ackError, ackOk, outgoingSignalSchema, parseWith } from "@nicepiano/protocol";
import { guarded, replyTo } from "../ack";
import type { Logger } from "../logger";
import { isInRoom } from "../rooms/roomMembers";
import type { ClientSocket, SignalingServer } from "../types";

/** Relays WebRTC signals, only between two members of the same room. */
export function registerSignalRelay(
  socket: ClientSocket,
  io: SignalingServer,
  logger: Logger,
): void {
  socket.on(
    "signal",
    guarded(logger, "signal", async (raw: unknown, ack: unknown) => {
      const reply = replyTo<null>(ack);
      const parsed = parseWith(outgoingSignalSchema, raw);
      if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
      const { room } = socket.data;
      if (!room) return reply(ackError("not-in-room"));
      const { to, data } = parsed.value;
      if (to === socket.id || !(await isInRoom(io, to, room))) {
        return reply(ackError("unknown-peer"));
      }
      io.to(to).emit("signal", { from: socket.id, data });
      reply(ackOk(null));
    }),
  );
}
