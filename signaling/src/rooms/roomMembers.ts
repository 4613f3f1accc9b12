import type { Member, PeerId, RoomName } from "@nicepiano/protocol";
import type { SignalingServer } from "../types";

/**
 * Who is in a room, read from the sockets themselves (`socket.data.member`), so the answer
 * covers every signaling instance once a cluster adapter is in place.
 */
export async function membersOf(io: SignalingServer, room: RoomName): Promise<Member[]> {
  const sockets = await io.in(room).fetchSockets();
  return sockets.flatMap((socket) => (socket.data.member ? [socket.data.member] : []));
}

/** Whether `peer` is in `room`; answered locally when the peer is on this instance. */
export async function isInRoom(
  io: SignalingServer,
  peer: PeerId,
  room: RoomName,
): Promise<boolean> {
  const local = io.of("/").sockets.get(peer);
  if (local) return local.data.room === room;
  const [remote] = await io.in(peer).fetchSockets();
  return remote?.data.room === room;
}
