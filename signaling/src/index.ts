export { ConfigError, DEFAULT_CONFIG, loadConfig, type ServerConfig } from "./config";
export { createSignalingServer, type RunningServer } from "./signalingServer";
export { createBackend, createEmbeddedBackend, type Backend } from "./backend";
export { createFirebaseBackend } from "./firebase/firebaseBackend";
