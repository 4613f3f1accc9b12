/**
 * One worker of the capacity run: many signaling-only clients (socket.io-client, no
 * WebRTC), each joining its room, answering the server's latency pings, and now and then
 * sending a signal to a room-mate. Reports once a second to the parent.
 */
import type { RoomSocket } from "@nicepiano/client/room";
import { io } from "socket.io-client";
import type { CapacityOrders, CapacityReport } from "./capacityMessages";

const report = (message: CapacityReport) => process.send?.(message);
let connected = 0;
let joined = 0;
let errors = 0;
let joinAcks: number[] = [];
let pingGaps: number[] = [];
const sockets: RoomSocket[] = [];

function startClient(orders: CapacityOrders, n: number): void {
  const socket: RoomSocket = io(orders.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  sockets.push(socket);
  let lastPing = 0;
  socket.on("latencyPing", (_table, ack) => {
    const now = performance.now();
    if (lastPing > 0) pingGaps.push(now - lastPing);
    lastPing = now;
    ack();
  });
  socket.on("connect", () => {
    connected++;
    const room = `capacity-${Math.floor(n / orders.roomSize)}`;
    const sentAt = performance.now();
    socket.emitWithAck("join", { room, name: `client-${n}` }).then(
      (answer) => {
        joinAcks.push(performance.now() - sentAt);
        if (!answer.ok) return errors++;
        joined++;
        // Now and then a signal to a room-mate, as peers exchange when they connect.
        const mate = answer.data.members[0];
        if (mate) {
          setInterval(
            () => {
              socket.emit(
                "signal",
                { to: mate.id, data: { type: "offer", sdp: "v=0 capacity" } },
                () => {},
              );
            },
            20_000 + Math.random() * 20_000,
          ).unref();
        }
      },
      () => errors++,
    );
  });
  socket.on("connect_error", () => errors++);
  socket.on("disconnect", () => connected--);
}

process.on("message", (orders: CapacityOrders) => {
  let started = 0;
  const batch = Math.max(1, Math.round(orders.perSecond / 10));
  const starter = setInterval(() => {
    for (let i = 0; i < batch && started < orders.count; i++, started++) {
      startClient(orders, orders.first + started);
    }
    if (started >= orders.count) clearInterval(starter);
  }, 100);
  setInterval(() => {
    report({ type: "tick", connected, joined, joinAcks, pingGaps, errors });
    joinAcks = [];
    pingGaps = [];
  }, 1000);
});
process.on("disconnect", () => {
  for (const socket of sockets) socket.disconnect();
  process.exit(0);
});
