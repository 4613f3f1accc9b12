/**
 * The real services the tests and benchmarks start for themselves, on free loopback
 * ports: `@nicepiano/signaling/testing`.
 */
export {
  EMULATED_PROJECT,
  startFirebaseEmulators,
  type FirebaseEmulators,
} from "./firebaseEmulators";
export { freePort } from "./freePort";
export { startHaproxy, type HaproxyProcess } from "./haproxyProcess";
export { startRedisServer, type RedisServer } from "./redisServer";
export { startServerProcess, type ServerProcess } from "./serverProcess";
export { startTurnServer, type TurnServer } from "./turnServer";

/**
 * For servers under a load tool: its virtual users all come from loopback, which would
 * otherwise share one address's rate limits as if they were one family behind a NAT.
 * Each socket keeps its own limits.
 */
export const LOAD_TOOL_ENV = { RATE_LIMIT_EXEMPT: "127.0.0.1,::1" } as const;
