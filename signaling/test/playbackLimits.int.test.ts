import { LIMITS, type SignInAnswer } from "@nicepiano/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RATE_LIMITS } from "../src/guard/rateLimits";
import { draft, SCALE } from "./contracts/recordingStoreContract";
import { join, startTestServer, type TestClient, type TestServer } from "./support/testServer";

/** A signed-in player with a take of their own, in `room`. */
interface Player {
  socket: TestClient;
  take: string;
}

describe("playbacks one account cannot pile up", () => {
  let t: TestServer;
  let n = 0;

  beforeEach(async () => {
    t = await startTestServer();
  });
  afterEach(() => t.close());

  const player = async (room: string, options: { listen?: boolean } = {}): Promise<Player> => {
    const accounts = t.server.backend.localAccounts!;
    const answer: SignInAnswer = await accounts.signUp({
      username: `player${n++}`,
      password: "correct horse",
    });
    const take = (await t.server.backend.recordings.save(answer.account.id, draft("Take", SCALE)))
      .id;
    const socket = await t.connect(answer.token);
    const joined = await socket.emitWithAck("join", { room, name: "P", ...options });
    if (!joined.ok) throw new Error(joined.error.message);
    return { socket, take };
  };
  const play = ({ socket, take }: Player, loop = true) =>
    socket.emitWithAck("play", { recordingId: take, loop });

  it("lets each member run one playback, and a room a few", async () => {
    const players = [];
    for (let i = 0; i <= LIMITS.playbacksPerRoom; i++) players.push(await player("jam"));
    expect((await play(players[0]!)).ok).toBe(true);
    expect(await play(players[0]!)).toMatchObject({
      ok: false,
      error: { code: "already-playing" },
    });
    for (const each of players.slice(1, LIMITS.playbacksPerRoom)) {
      expect((await play(each)).ok).toBe(true);
    }
    expect(await play(players[LIMITS.playbacksPerRoom]!)).toMatchObject({
      ok: false,
      error: { code: "room-playback-limit" },
    });
    // Another room has its own places.
    expect((await play(await player("elsewhere"))).ok).toBe(true);
  });

  it("holds to the limits when one socket asks many times at once", async () => {
    const ada = await player("jam");
    const answers = await Promise.all([play(ada), play(ada), play(ada)]);
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    await join(await t.connect(), "jam").then(({ playbacks }) => expect(playbacks).toHaveLength(1));
  });

  it("gives play a strict rate of its own: starting and stopping cannot spin", async () => {
    const ada = await player("jam");
    const codes: string[] = [];
    for (let i = 0; i < RATE_LIMITS.playback.burst + 2; i++) {
      const answer = await play(ada);
      codes.push(answer.ok ? "ok" : answer.error.code);
      if (answer.ok) await ada.socket.emitWithAck("stopPlayback", answer.data.id);
    }
    expect(codes.slice(0, RATE_LIMITS.playback.burst).every((code) => code === "ok")).toBe(true);
    expect(codes.at(-1)).toBe("rate-limited");
  });

  it("lets the room's players stop a playback, not its listeners", async () => {
    const ada = await player("jam");
    const started = await play(ada);
    if (!started.ok) throw new Error(started.error.message);
    const listener = await t.connect();
    await listener.emitWithAck("join", { room: "jam", name: "L", listen: true });
    expect(await listener.emitWithAck("stopPlayback", started.data.id)).toMatchObject({
      ok: false,
      error: { code: "listening" },
    });
    const guest = await t.connect();
    await join(guest, "jam");
    expect(await guest.emitWithAck("stopPlayback", started.data.id)).toEqual({
      ok: true,
      data: null,
    });
  });
});
