/**
 * The jitter forwarder as a process of its own, to run inside the lossy lab's namespace:
 *
 *   tsx jitterForwarderMain.ts <host> <target host> <target port> <max delay ms>
 *
 * Prints `{"port": …}` once it listens, then forwards until killed.
 */
import { startJitterForwarder } from "./jitterForwarder";

const [host, targetHost, targetPort, maxDelayMs] = process.argv.slice(2);
if (!host || !targetHost || !targetPort || !maxDelayMs) {
  console.error("usage: jitterForwarderMain.ts <host> <target host> <target port> <max delay ms>");
  process.exit(2);
}
const forwarder = await startJitterForwarder({
  host,
  target: { host: targetHost, port: Number(targetPort) },
  maxDelayMs: Number(maxDelayMs),
});
console.log(JSON.stringify({ port: forwarder.port }));
process.on("SIGTERM", () => {
  forwarder.close();
  process.exit(0);
});
