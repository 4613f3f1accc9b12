import { localNow } from "@nicepiano/client/room";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import { startVirtualMusician, type VirtualMusician } from "../src/virtualMusician";

describe("the room's shared clock (Node peers)", () => {
  let t: TestServer;
  const musicians: VirtualMusician[] = [];
  afterEach(async () => {
    for (const musician of musicians.splice(0)) musician.close();
    await t.close();
  });

  it("converges: two peers whose clocks are seconds off agree on the room's time", async () => {
    t = await startTestServer();
    // Ada's machine runs 3.7 s fast, Bob's 1.25 s slow; the server's is this one's.
    const skews = [3700, -1250];
    for (const [i, skew] of skews.entries()) {
      musicians.push(
        await startVirtualMusician(t.url, "tick", `P${i}`, {
          localClock: () => localNow() + skew,
        }),
      );
    }
    // The five samples at join settle it; the figure is `npm run bench:clock`'s.
    await expect
      .poll(() => musicians.map((musician, i) => musician.session.clock.offsetMs + skews[i]!), {
        timeout: 5000,
      })
      .toSatisfy((errors: number[]) => errors.every((error) => Math.abs(error) < 5));
    const [ada, bob] = musicians.map((musician) => musician.session.clock.now());
    const server = Date.now();
    expect(Math.abs(ada! - bob!)).toBeLessThan(5);
    expect(Math.abs(ada! - server)).toBeLessThan(5);
  });
});
