/**
 * NicePiano's own server with the original design's note path added: a client sends each
 * note once with `note`, and the server broadcasts it to the rest of its room (through
 * Redis to other instances, when clustered). Everything else (joins, pings, recordings)
 * is the product's, so a load test compares the two note paths and nothing else.
 * Configured like `npm run serve`, by environment variables.
 */
import { createSignalingServer, loadConfig } from "@nicepiano/signaling";
import { relayNotes, type NoteSocket } from "../relayServer";

const server = createSignalingServer(loadConfig());
// `note` is not part of NicePiano's contract (protocol/events.ts): it exists only here.
server.allowEvent("note", "relay");
server.io.on("connection", (socket) => relayNotes(socket as unknown as NoteSocket));
await server.listen();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
