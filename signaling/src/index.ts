export { ConfigError, DEFAULT_CONFIG, loadConfig, type ServerConfig } from "./config";
export { createSignalingServer, type RunningServer } from "./signalingServer";
export { createEmbeddedBackend, type Backend } from "./backend";
