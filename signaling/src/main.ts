import { ConfigError, loadConfig, type ServerConfig } from "./config";
import { createLogger } from "./logger";
import { createSignalingServer } from "./signalingServer";

let config: ServerConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`NicePiano cannot start: ${error.message}\n`);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
const server = createSignalingServer(config, logger);
const address = await server.listen();
const shown =
  address.address === "0.0.0.0" || address.address === "::" ? "localhost" : address.address;
logger.info(
  { backend: config.backend.kind },
  `NicePiano is playing on http://${shown}:${address.port}`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    logger.info({ signal }, "shutting down");
    void server.close().then(() => process.exit(0));
  });
}
