/**
 * The real services the tests and benchmarks start for themselves, on free loopback
 * ports: `@nicepiano/signaling/testing`.
 */
export {
  EMULATED_PROJECT,
  startFirebaseEmulators,
  type FirebaseEmulators,
} from "./firebaseEmulators";
export { startHaproxy, type HaproxyProcess } from "./haproxyProcess";
export { startRedisServer, type RedisServer } from "./redisServer";
export { startServerProcess, type ServerProcess } from "./serverProcess";
export { startTurnServer, type TurnServer } from "./turnServer";
