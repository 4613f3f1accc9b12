import { PLAYBACK_LEAD_MS, type SignInAnswer } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { draft, SCALE } from "./contracts/recordingStoreContract";
import { join, nextEvent, startTestServer, type TestServer } from "./support/testServer";

describe("playing a recording into a room", () => {
  let t: TestServer;
  let ada: SignInAnswer;
  let bob: SignInAnswer;
  let adaTake: string;
  const connect = (token?: string) => t.connect(token);

  beforeEach(async () => {
    t = await startTestServer();
    const accounts = t.server.backend.localAccounts!;
    ada = await accounts.signUp({ username: "ada", password: "correct horse" });
    bob = await accounts.signUp({ username: "bob", password: "battery staple" });
    adaTake = (await t.server.backend.recordings.save(ada.account.id, draft("Scale", SCALE))).id;
  });
  afterEach(async () => {
    await t.close();
  });

  it("announces the same playback to every member, a moment ahead, and to newcomers", async () => {
    const [player, listener] = [await connect(ada.token), await connect()];
    await join(player, "jam");
    await join(listener, "jam");
    const heard = nextEvent(listener, "playbackStarted");
    const before = Date.now();
    const answer = await player.emitWithAck("play", { recordingId: adaTake, loop: true });
    if (!answer.ok) throw new Error(answer.error.message);
    const [playback] = await heard;
    expect(playback).toEqual(answer.data);
    expect(playback.events).toEqual(SCALE);
    expect(playback.by).toBe(player.id);
    expect(playback.startAt).toBeGreaterThanOrEqual(before + PLAYBACK_LEAD_MS);

    const late = await connect();
    expect((await join(late, "jam")).playbacks).toEqual([playback]);
    expect((await join(await connect(), "elsewhere")).playbacks).toEqual([]);
  });

  it("lets anyone in the room stop it, for everyone", async () => {
    const [player, listener] = [await connect(ada.token), await connect()];
    await join(player, "jam");
    await join(listener, "jam");
    const answer = await player.emitWithAck("play", { recordingId: adaTake, loop: true });
    const id = answer.ok ? answer.data.id : "";
    const stopped = nextEvent(player, "playbackStopped");
    expect(await listener.emitWithAck("stopPlayback", id)).toEqual({ ok: true, data: null });
    expect(await stopped).toEqual([id]);
    expect(await listener.emitWithAck("stopPlayback", id)).toMatchObject({
      ok: false,
      error: { code: "not-found" },
    });
  });

  it("ends a single pass by itself, and all of a player's playbacks when they leave", async () => {
    const [player, listener] = [await connect(ada.token), await connect()];
    await join(player, "jam");
    await join(listener, "jam");
    const once = await player.emitWithAck("play", { recordingId: adaTake, loop: false });
    const ended = await nextEvent(listener, "playbackStopped", 5000);
    expect(ended).toEqual([once.ok && once.data.id]);

    const looped = await player.emitWithAck("play", { recordingId: adaTake, loop: true });
    const gone = nextEvent(listener, "playbackStopped");
    player.disconnect();
    expect(await gone).toEqual([looped.ok && looped.data.id]);
  });

  it("refuses guests, other people's recordings, and players outside a room", async () => {
    const guest = await connect();
    await join(guest, "jam");
    expect(await guest.emitWithAck("play", { recordingId: adaTake, loop: false })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
    const thief = await connect(bob.token);
    expect(await thief.emitWithAck("play", { recordingId: adaTake, loop: false })).toMatchObject({
      ok: false,
      error: { code: "not-in-room" },
    });
    await join(thief, "jam");
    expect(await thief.emitWithAck("play", { recordingId: adaTake, loop: false })).toMatchObject({
      ok: false,
      error: { code: "not-found" },
    });
    expect(
      await (thief as unknown as { emitWithAck(...a: unknown[]): Promise<unknown> }).emitWithAck(
        "play",
        { recordingId: adaTake, loop: "yes" },
      ),
    ).toMatchObject({ ok: false, error: { code: "invalid-payload" } });
  });

  it("signs a connected socket in and out without reconnecting", async () => {
    const socket = await connect();
    await join(socket, "jam");
    expect(await socket.emitWithAck("authenticate", "forged")).toMatchObject({
      ok: false,
      error: { code: "invalid-token" },
    });
    expect(await socket.emitWithAck("authenticate", ada.token)).toEqual({
      ok: true,
      data: ada.account,
    });
    expect((await socket.emitWithAck("play", { recordingId: adaTake, loop: false })).ok).toBe(true);
    expect(await socket.emitWithAck("authenticate", null)).toEqual({ ok: true, data: null });
    expect(await socket.emitWithAck("play", { recordingId: adaTake, loop: false })).toMatchObject({
      ok: false,
      error: { code: "unauthorized" },
    });
  });
});
