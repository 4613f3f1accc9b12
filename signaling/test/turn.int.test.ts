import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { turnCredential, type TurnSettings } from "../src/turn/turnCredentials";
import { startTurnServer, type TurnServer } from "./support/turnServer";

const SECRET = "turn-test-secret-of-32-characters";

/**
 * A real TURN client (coturn's turnutils_uclient) allocating with `username`/`password`
 * and sending to `peer`; without a peer, between two allocations of its own (`-y`).
 */
async function allocate(
  turn: TurnServer,
  username: string,
  password: string,
  peer?: string,
): Promise<string> {
  const target = peer ? ["-e", peer] : ["-y"];
  const args = ["-p", String(turn.port), "-u", username, "-w", password, ...target, "-n", "2"];
  const { stdout, stderr } = await promisify(execFile)(
    "turnutils_uclient",
    [...args, "127.0.0.1"],
    { timeout: 15_000 },
  ).catch((error: { stdout: string; stderr: string }) => error);
  return stdout + stderr;
}

const REFUSED = "Cannot complete Allocation";
const FORBIDDEN = "403 (Forbidden IP)";

describe("coturn with NicePiano's credentials (real turnserver)", () => {
  let turn: TurnServer;
  afterEach(() => turn.stop());
  const settings = (): TurnSettings => ({ secret: SECRET, urls: [turn.url], ttlSeconds: 300 });

  it("accepts a credential the server signed, and relays with it", async () => {
    turn = await startTurnServer({ config: "turnserver.dev.conf", secret: SECRET });
    const { iceServer } = turnCredential(settings(), "peer-1");
    const output = await allocate(turn, iceServer.username!, iceServer.credential!);
    expect(output).not.toContain(REFUSED);
    expect(output).not.toContain("error");
    expect(output).toMatch(/Total lost packets 0 /);
    expect(output).toMatch(/tot_recv_msgs=[1-9]/);
  });

  it.each([
    ["a wrong password", (c: { username: string; credential: string }) => [c.username, "nope"]],
    [
      "another secret",
      (c: { username: string }) => {
        const forged = turnCredential({ secret: "guess", urls: [], ttlSeconds: 300 }, "peer-1");
        return [c.username, forged.iceServer.credential!];
      },
    ],
  ])("refuses %s", async (_label, make) => {
    turn = await startTurnServer({ config: "turnserver.dev.conf", secret: SECRET });
    const { iceServer } = turnCredential(settings(), "peer-1");
    const [username, password] = make({
      username: iceServer.username!,
      credential: iceServer.credential!,
    });
    expect(await allocate(turn, username!, password!)).toContain(REFUSED);
  });

  it("refuses a credential once it has expired", async () => {
    turn = await startTurnServer({ config: "turnserver.dev.conf", secret: SECRET });
    const anHourAgo = Date.now() - 3600_000;
    const { iceServer } = turnCredential(settings(), "peer-1", anHourAgo);
    expect(await allocate(turn, iceServer.username!, iceServer.credential!)).toContain(REFUSED);
  });

  it.each([["127.0.0.1"], ["10.1.2.3"], ["192.168.1.1"], ["169.254.169.254"], ["100.64.0.1"]])(
    "with the production template, refuses to relay to %s",
    async (peer) => {
      turn = await startTurnServer({ config: "turnserver.conf", secret: SECRET });
      const { iceServer } = turnCredential(settings(), "peer-1");
      const output = await allocate(turn, iceServer.username!, iceServer.credential!, peer);
      expect(output).not.toContain(REFUSED);
      expect(output).toContain(FORBIDDEN);
    },
  );
});
