import { ConfigError, loadConfig, type ServerConfig } from "./config";
import { createLogger } from "./logger";
import { createSignalingServer } from "./signalingServer";
import { loadTlsCredentials } from "./tls/tlsCredentials";

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`NicePiano cannot start: ${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const tls = config.tls ? await loadTlsCredentials(config.tls) : undefined;
if (tls) logger.info({ certificate: tls.source }, "serving HTTPS");
const server = await createSignalingServer(config, logger, undefined, tls);
const address = await server.listen();
const shown =
  address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
logger.info(
  { backend: config.backend.kind },
  `NicePiano is playing on ${tls ? "https" : "http"}://${shown}:${address.port}`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void server.close().then(() => process.exit(0));
  });
}
