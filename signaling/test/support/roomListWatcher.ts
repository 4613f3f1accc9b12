import { API_PATHS, apiUrl, type ListedRooms } from "@nicepiano/protocol";

/** A landing page's view of the room list: the server-sent events of `/api/rooms/live`. */
export interface RoomListWatcher {
  /** The lists received so far, oldest first. */
  lists: ListedRooms[];
  /** Resolves with the first list (received or to come) `test` accepts, or rejects after `ms`. */
  until(test: (rooms: ListedRooms) => boolean, ms?: number): Promise<ListedRooms>;
  close(): void;
}

export async function watchRoomList(serverUrl: string): Promise<RoomListWatcher> {
  const abort = new AbortController();
  const response = await fetch(`${serverUrl}${apiUrl(API_PATHS.listedRooms)}`, {
    signal: abort.signal,
  });
  if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
    throw new Error(`not an event stream: ${response.status}`);
  }
  const lists: ListedRooms[] = [];
  const waiting = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      const reader = response.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = event.split("\n").find((line) => line.startsWith("data: "));
          if (data) lists.push(JSON.parse(data.slice(6)) as ListedRooms);
          for (const wake of waiting) wake();
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    lists,
    until: (test, ms = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = lists.find(test);
          if (!found) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no such list within ${ms} ms: last ${JSON.stringify(lists.at(-1))}`));
        }, ms);
        waiting.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}
