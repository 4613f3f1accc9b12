import { WebSocket } from "ws";

/**
 * Makes a Node process started with `--inspect=<host:port>` collect its garbage now,
 * through the inspector (the DevTools protocol's `HeapProfiler.collectGarbage`), so its
 * heap afterwards holds only what it still uses.
 */
export async function collectGarbage(inspector: string): Promise<void> {
  const targets = (await (await fetch(`http://${inspector}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  await new Promise((resolve) => {
    socket.once("message", resolve);
    socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" }));
  });
  socket.close();
}
