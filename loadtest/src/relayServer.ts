import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";

/**
 * The original NicePiano design, for comparison: every note goes to the server, which
 * broadcasts it to the rest of the room. Notes carry the same binary encoding as on
 * NicePiano's data channels.
 */
export interface RelayNoteEvents {
  note: (bytes: Uint8Array) => void;
}
export interface RelayClientToServer extends RelayNoteEvents {
  join: (room: string, ack: () => void) => void;
}
export type RelayServerToClient = RelayNoteEvents;

/** The least of a server-side socket that relaying notes needs. */
export interface NoteSocket {
  data: { room?: string };
  on(event: "note", listener: (bytes: unknown) => void): unknown;
  to(room: string): { emit(event: "note", bytes: Uint8Array): unknown };
}

/** Broadcasts each note `socket` sends to the rest of its room (`socket.data.room`). */
export function relayNotes(socket: NoteSocket): void {
  socket.on("note", (bytes) => {
    if (socket.data.room && bytes instanceof Uint8Array) {
      socket.to(socket.data.room).emit("note", bytes);
    }
  });
}

export async function startRelayServer(
  port = 0,
  host = "127.0.0.1",
): Promise<{ url: string; close: () => Promise<void> }> {
  const http = createServer();
  const io = new Server<RelayClientToServer, RelayServerToClient, never, { room?: string }>(http, {
    serveClient: false,
  });
  io.on("connection", (socket) => {
    socket.on("join", (room, ack) => {
      if (typeof room !== "string") return;
      socket.data.room = room;
      void socket.join(room);
      if (typeof ack === "function") ack();
    });
    relayNotes(socket);
  });
  await new Promise<void>((resolve) => http.listen(port, host, resolve));
  const { port: bound } = http.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () => new Promise((resolve) => void io.close(() => resolve())),
  };
}
