import type { Member, RoomName } from "@nicepiano/protocol";
import type { Cluster } from "../cluster/cluster";
import type { MemberDirectory } from "./memberDirectory";

/**
 * Who is in a room, read from the sockets themselves (`socket.data.member`) on every
 * instance; while Redis is away, on this instance only (rather than wait for it). When
 * an instance is too slow to answer, from `directory`, if given and it knows.
 */
export async function membersOf(
  cluster: Cluster,
  room: RoomName,
  directory?: MemberDirectory,
): Promise<Member[]> {
  try {
    const sockets = await cluster.socketsIn(room);
    return sockets.flatMap((socket) => (socket.data.member ? [socket.data.member] : []));
  } catch (error) {
    const known = directory?.membersOf(room);
    if (!known) throw error;
    return known;
  }
}
