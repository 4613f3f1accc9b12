import { createServer } from "node:net";

/**
 * A loopback port that was free a moment ago, for programs that cannot be told to pick
 * one themselves (port 0). Another program could take it in between; none here does.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
