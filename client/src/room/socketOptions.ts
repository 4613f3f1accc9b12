import type { ManagerOptions } from "socket.io-client";

/**
 * How a room's socket connects: WebSocket only (one round trip less than starting on
 * long-polling, and a load balancer then needs no sticky sessions), and back within a
 * second or so after a server stops, spread out so that a whole instance's players do
 * not all knock at the same moment (the delay doubles up to 5 s, ±50 % at random).
 */
export const ROOM_SOCKET_OPTIONS = {
  transports: ["websocket"],
  reconnectionDelay: 500,
  reconnectionDelayMax: 5000,
  randomizationFactor: 0.5,
} satisfies Partial<ManagerOptions>;
