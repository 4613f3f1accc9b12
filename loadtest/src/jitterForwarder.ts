import { createSocket, type RemoteInfo, type Socket } from "node:dgram";

export interface JitterForwarderOptions {
  /** The address to listen on, and to reach the target from. */
  host: string;
  /** The UDP server behind it (coturn). */
  target: { host: string; port: number };
  /** Each packet towards the target waits a random 0 to this many ms (uniform). */
  maxDelayMs: number;
  /** 0 to 1 (default Math.random). */
  random?: () => number;
}

export interface JitterForwarder {
  port: number;
  /** Packets delayed so far. */
  readonly forwarded: number;
  close(): void;
}

/**
 * A UDP forwarder in front of a TURN server, for the lab's jitter (`tc netem` is not
 * available on these machines): each client gets a socket of its own towards the target,
 * so the server sees one client per client; every packet from a client waits a random
 * delay before it goes on (so packets also overtake each other, as on a busy home link),
 * and the answers come back at once. With peers forced to relay, each packet between two
 * players crosses it once, delayed.
 */
export async function startJitterForwarder(
  options: JitterForwarderOptions,
): Promise<JitterForwarder> {
  const { host, target, maxDelayMs, random = Math.random } = options;
  const front = createSocket("udp4");
  const upstreams = new Map<string, Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let forwarded = 0;

  const upstreamOf = (client: RemoteInfo): Socket => {
    const key = `${client.address}:${client.port}`;
    const known = upstreams.get(key);
    if (known) return known;
    const socket = createSocket("udp4");
    socket.on("message", (answer) => front.send(answer, client.port, client.address));
    socket.on("error", () => socket.close());
    socket.bind(0, host);
    upstreams.set(key, socket);
    return socket;
  };
  front.on("message", (packet, client) => {
    const upstream = upstreamOf(client);
    const timer = setTimeout(() => {
      timers.delete(timer);
      forwarded++;
      upstream.send(packet, target.port, target.host);
    }, random() * maxDelayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.bind(0, host, () => {
      front.off("error", reject);
      resolve();
    });
  });
  return {
    port: front.address().port,
    get forwarded() {
      return forwarded;
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      for (const upstream of upstreams.values()) upstream.close();
      front.close();
    },
  };
}
