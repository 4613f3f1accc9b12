/**
 * The servers a benchmark measures, in a process of their own so that their event loop
 * is not the benchmark's: NicePiano's signaling server and the original design's relay.
 * Prints their URLs as one JSON line, then serves until killed.
 */
import { createSignalingServer, DEFAULT_CONFIG } from "@nicepiano/signaling";
import { pino } from "pino";
import { startRelayServer } from "../relayServer";

const signaling = await createSignalingServer(
  // Its virtual users all come from loopback (see LOAD_TOOL_ENV).
  { ...DEFAULT_CONFIG, host: "127.0.0.1", port: 0, rateLimitExempt: ["127.0.0.1"] },
  pino({ level: "warn" }),
);
const { port } = await signaling.listen();
const relay = await startRelayServer();
console.log(JSON.stringify({ signalingUrl: `http://127.0.0.1:${port}`, relayUrl: relay.url }));
