import type { Member, RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";

/**
 * Who is in a room, read from the sockets themselves (`socket.data.member`) on every
 * instance; while Redis is away, on this instance only (rather than wait for it).
 */
export async function membersOf(cluster: Cluster, room: RoomName): Promise<Member[]> {
  const sockets = await cluster.socketsIn(room);
  return sockets.flatMap((socket) => (socket.data.member ? [socket.data.member] : []));
}
