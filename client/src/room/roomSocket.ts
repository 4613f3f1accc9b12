import { signedInAuth } from "@nicepiano/protocol";
import { io } from "socket.io-client";
import type { RoomSocket } from "./roomRequests";
import { ROOM_SOCKET_OPTIONS } from "./socketOptions";

/**
 * The page's socket to the server. Each (re)connection signs in with a token asked for
 * then, so it is never a stale one, and says which version of the account's recordings
 * list the page holds (`listVersion`; the server tells it if the list changed since).
 * The server keeps a dropped connection's place for a while (it is most likely a network
 * blip); a page going away says goodbye, so the room hears at once that it left, and a
 * page brought back from the back/forward cache connects again. `close` disconnects and
 * stops following the page.
 */
export function openRoomSocket(
  token: () => Promise<string | undefined>,
  listVersion: () => number | undefined = () => undefined,
): {
  socket: RoomSocket;
  close: () => void;
} {
  const socket: RoomSocket = io({
    ...ROOM_SOCKET_OPTIONS,
    auth: (send) => {
      token().then(
        (value) => send(value ? signedInAuth(value, listVersion()) : {}),
        () => send({}),
      );
    },
  });
  const sayGoodbye = () => socket.disconnect();
  const comeBack = (event: PageTransitionEvent) => {
    if (event.persisted) socket.connect();
  };
  window.addEventListener("pagehide", sayGoodbye);
  window.addEventListener("pageshow", comeBack);
  return {
    socket,
    close: () => {
      window.removeEventListener("pagehide", sayGoodbye);
      window.removeEventListener("pageshow", comeBack);
      socket.disconnect();
    },
  };
}
