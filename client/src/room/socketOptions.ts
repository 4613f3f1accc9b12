import type { ManagerOptions } from "socket.io-client";
import { ROOM_RECONNECT } from "../retry/reconnectPolicy";

/**
 * How a room's socket connects: WebSocket only (one round trip less than starting on
 * long-polling, and a load balancer then needs no sticky sessions), and back within a
 * second or so after a server stops, spread out so that a whole instance's players do
 * not all knock at the same moment: the room's reconnect policy, in socket.io's terms
 * (the delay doubles from 0.5 s up to 5 s, spread ±50 % at random).
 */
export const ROOM_SOCKET_OPTIONS = {
  transports: ["websocket"],
  reconnectionDelay: ROOM_RECONNECT.firstMs,
  reconnectionDelayMax: ROOM_RECONNECT.maxMs,
  randomizationFactor: ROOM_RECONNECT.jitter,
} satisfies Partial<ManagerOptions>;
