/**
 * NicePiano's own server with the original design's note path added: a client sends each
 * note once with `note` (an `OriginalNote`), and the server broadcasts it to the rest of
 * its room (through Redis to other instances, when clustered). Everything else (joins,
 * pings, recordings) is the product's, so a load test compares the two note paths and
 * nothing else. Configured like `npm run serve`, by environment variables.
 */
import { createSignalingServer, loadConfig } from "@nicepiano/signaling";
import { isOriginalNote, type OriginalNote } from "./originalNotes";

/** A server socket seen through the original design's note event. */
interface NoteSocket {
  data: { room?: string };
  on(event: "note", listener: (note: unknown) => void): void;
  to(room: string): { emit(event: "note", note: OriginalNote): void };
}

const server = await createSignalingServer(loadConfig());
// `note` is not part of NicePiano's contract (protocol/events.ts): it exists only here.
server.allowEvent("note", "relay");
server.io.on("connection", (connected) => {
  const socket = connected as unknown as NoteSocket;
  socket.on("note", (note) => {
    const { room } = socket.data;
    if (room && isOriginalNote(note)) socket.to(room).emit("note", note);
  });
});
await server.listen();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
