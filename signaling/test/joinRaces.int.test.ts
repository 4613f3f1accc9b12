import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  join,
  nextEvent,
  startTestServer,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

const OFFER = { type: "offer", sdp: "v=0 race" } as const;

describe("joins that race", () => {
  let t: TestServer;
  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(() => t.close());

  it("leaves one member per socket whatever joins it sends at once", async () => {
    const bob = await t.connect();
    await join(bob, "jam", "Bob");
    await join(await t.connect(), "other", "Cy");
    const ada = await t.connect();
    const answers = await Promise.all(
      ["jam", "other", "jam", "other", "jam"].map((room) =>
        ada.emitWithAck("join", { room, name: "Ada" }),
      ),
    );
    expect(answers.every((answer) => answer.ok)).toBe(true);
    // The last join stands: Ada is in "jam", once, and nowhere else.
    const inJam = (await join(await t.connect(), "jam", "Dee")).members;
    const inOther = (await join(await t.connect(), "other", "Eve")).members;
    expect(inJam.filter((member) => member.name === "Ada")).toHaveLength(1);
    expect(inOther.filter((member) => member.name === "Ada")).toHaveLength(0);
  });

  it("lets nobody signal from a room before the room has let them in", async () => {
    const ada = await t.connect();
    const { self } = await join(ada, "locked", "Ada");
    expect((await ada.emitWithAck("control", { type: "lock", locked: true })).ok).toBe(true);
    const eve = await t.connect();
    const signalled = nextEvent(ada, "signal", 800);
    const refused = eve.emitWithAck("join", { room: "locked", name: "Eve" });
    const sent = signalWithAck(eve, { to: self.id, data: OFFER });
    expect(await refused).toMatchObject({ ok: false, error: { code: "room-locked" } });
    expect(await sent).toMatchObject({ ok: false, error: { code: "not-in-room" } });
    await expect(signalled).rejects.toThrow("no signal");
  });
});
