import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTurnServer, type TurnServer } from "../signaling/test/support/turnServer";
import { testHostAddress } from "./support/browser";
import { count, useE2eHarness } from "./support/e2eHarness";

/** The server's secret is not coturn's: every credential it hands out is refused. */
const COTURN_SECRET = "coturn-secret-of-32-characters-or-more";
const SERVER_SECRET = "another-secret-of-32-characters-or-more";

describe("coturn refusing the server's credentials", () => {
  let turn: TurnServer;
  beforeAll(async () => {
    turn = await startTurnServer({
      config: "turnserver.dev.conf",
      secret: COTURN_SECRET,
      ip: testHostAddress(),
    });
  });
  afterAll(() => turn?.stop());
  const harness = useE2eHarness(() => ({
    turn: { secret: SERVER_SECRET, urls: [turn.url], ttlSeconds: 600 },
  }));

  it("is told by the pages (401s counted for the operator's alert), and they play through the server", async () => {
    const ada = await harness.openRoom("wrong-secret?ice=relay", { name: "Ada", samples: false });
    const bob = await harness.openRoom("wrong-secret?ice=relay", { name: "Bob", samples: false });
    const unauthorized = async () => {
      const text = await (await fetch(`${harness.origin}/metrics`)).text();
      return Number(
        /^nicepiano_turn_errors_total\{kind="unauthorized"\} (\d+)$/m.exec(text)?.[1] ?? 0,
      );
    };
    await expect.poll(unauthorized, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    // With no path between them, notes still go: through the server.
    await expect.poll(() => count(bob, "li[data-connection=server]"), { timeout: 30_000 }).toBe(1);
    expect(await count(ada, "li[data-peer]")).toBe(2);
  });
});
