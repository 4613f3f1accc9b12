import {
  encodeNoteFrame,
  PEER_FRAME_VERSION,
  PeerFrameType,
  PeerMessageType,
} from "@nicepiano/protocol";
import type { VirtualMusician } from "../virtualMusician";
import type { Junk } from "./junk";

/**
 * A hostile member of a room: over its open data channels, and through the server's
 * relay, it sends junk bytes, frames carrying broken messages, huge frames and floods of
 * valid notes, for as long as `keepGoing(sent)` says. Returns how many it sent.
 */
export async function runHostilePeer(
  musician: VirtualMusician,
  junk: Junk,
  keepGoing: (sent: number) => boolean,
): Promise<number> {
  let sent = 0;
  let seq = 1_000_000;
  const note = () =>
    encodeNoteFrame({
      events: [
        {
          seq: seq++,
          message: {
            type: PeerMessageType.NoteOn,
            note: 21 + junk.int(88),
            velocity: 1 + junk.int(127),
            t: performance.now(),
          },
        },
      ],
    });
  while (keepGoing(sent)) {
    const peers = musician.session.openPeers();
    if (peers.length === 0) {
      // Its channels closed (under its own flood): the mesh opens them again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    for (const peer of peers) {
      const connection = musician.session.connectionOf(peer);
      const messages: Uint8Array[] = [];
      switch (junk.int(5)) {
        case 0:
          messages.push(junk.bytes(2000));
          break;
        case 1:
          // A notes frame's first bytes, then junk.
          messages.push(Uint8Array.of(PEER_FRAME_VERSION, PeerFrameType.Notes, ...junk.bytes(20)));
          break;
        case 2:
          for (let i = 0; i < 100; i++) messages.push(note());
          break;
        case 3:
          messages.push(junk.bytes(60_000));
          break;
        default:
          musician.socket.emit("relay", peer, junk.bytes(100));
          sent++;
      }
      for (const bytes of messages) {
        try {
          connection?.send(bytes);
        } catch {
          // A channel closing under the flood: the next round finds it gone.
        }
        sent++;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return sent;
}
