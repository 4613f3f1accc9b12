import { ackError, ackOk, chatTextSchema, parseWith, type ChatMessage } from "@nicepiano/protocol";
import { randomUUID } from "node:crypto";
import { replyTo } from "../ack";
import type { ClientSocket } from "../types";
import type { RoomHandlerDeps } from "./roomHandlers";

/**
 * `chat`: a member (player or listener) writes a line to their room, unless the owner
 * turned the chat off or muted theirs. The server stamps it with the sender's name,
 * colour and time, keeps it with the room's record (on every instance, for newcomers) and
 * sends it to every member, on every instance.
 */
export function registerRoomChat(
  socket: ClientSocket,
  { io, settings }: Pick<RoomHandlerDeps, "io" | "settings">,
): void {
  socket.on("chat", (raw: unknown, ack: unknown) => {
    const reply = replyTo<ChatMessage>(ack);
    const parsed = parseWith(chatTextSchema, raw);
    if (!parsed.ok) return reply(ackError("invalid-payload", parsed.message));
    const { room, member } = socket.data;
    const record = room ? settings.get(room) : undefined;
    if (!room || !member || !record) return reply(ackError("not-in-room"));
    if (record.settings.chatOff) return reply(ackError("chat-off"));
    if (record.settings.chatMuted.includes(member.id)) return reply(ackError("chat-muted"));
    const message: ChatMessage = {
      id: randomUUID(),
      from: member.id,
      name: member.name,
      color: member.color,
      text: parsed.value,
      at: Date.now(),
    };
    settings.change(room, { type: "said", message });
    io.to(room).emit("chat", message);
    reply(ackOk(message));
  });
}
