import type { Request, Response } from "express";
import type { RoomListing } from "../rooms/listedRooms";
import { sendError } from "./sendError";

/** A stream says it is alive this often, so proxies keep it open. */
const KEEP_ALIVE_MS = 25_000;

/**
 * GET `/api/rooms/live`: server-sent events, each the whole list of listed rooms, the
 * first at once and another whenever it changes. At most `maxStreams` at a time here.
 */
export function listedRoomsRoute(listing: RoomListing, maxStreams: number) {
  let open = 0;
  return (req: Request, res: Response): void => {
    if (open >= maxStreams) {
      res.set("retry-after", "10");
      return sendError(res, "rate-limited", "Too many pages watch the room list: try again soon.");
    }
    open++;
    res.status(200).set({
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      // Nginx-style proxies otherwise hold the events back.
      "x-accel-buffering": "no",
    });
    res.flushHeaders();
    const send = (rooms: unknown) => void res.write(`data: ${JSON.stringify(rooms)}\n\n`);
    send(listing.current());
    const stopChanges = listing.onChange(send);
    const keepAlive = setInterval(() => res.write(": still here\n\n"), KEEP_ALIVE_MS);
    const end = () => {
      clearInterval(keepAlive);
      stopChanges();
      stopStop();
    };
    const stopStop = listing.onStop(() => {
      end();
      res.end();
    });
    req.on("close", () => {
      open--;
      end();
    });
  };
}
