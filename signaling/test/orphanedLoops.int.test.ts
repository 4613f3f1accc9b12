import { PeerMessageType, type RecordedEvent } from "@nicepiano/protocol";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedBackend } from "../src/backend";
import { draft } from "./contracts/recordingStoreContract";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startServerProcess, type ServerProcess } from "./support/serverProcess";
import {
  join,
  nextEvent,
  startTestServer,
  type TestClient,
  type TestServer,
} from "./support/testServer";

const SWEEP_MS = 300;

const TAKE: RecordedEvent[] = [
  [0, PeerMessageType.NoteOn, 60, 80],
  [400, PeerMessageType.NoteOff, 60, 0],
];

describe("a loop whose starter's instance crashed", () => {
  const dataDir = mkdtempSync(joinPath(tmpdir(), "np-loops-"));
  let redis: RedisServer;
  let here: TestServer;
  let crashing: ServerProcess;
  let starter: TestClient;
  let token: string;
  let recordingId: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    // Both instances on one data folder: one account and its recordings, seen by both.
    const backend = createEmbeddedBackend({ dataDir });
    here = await startTestServer(
      { redisUrl: redis.url, dataDir, orphanSweepMs: SWEEP_MS },
      backend,
    );
    const ada = await backend.localAccounts!.signUp({ username: "ada", password: "correct horse" });
    token = ada.token;
    recordingId = (await backend.recordings.save(ada.account.id, draft("Loop", TAKE))).id;
    crashing = await startServerProcess({ REDIS_URL: redis.url, DATA_DIR: dataDir });
  });

  afterAll(async () => {
    starter?.close();
    await crashing.kill("SIGKILL");
    await here.close();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("plays on while its starter is anywhere, and ends once they are gone with it", async () => {
    const listener = await here.connect();
    await join(listener, "jam", "Bob");
    starter = connect(crashing.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      auth: { token },
    });
    await join(starter, "jam", "Ada");
    const started = nextEvent(listener, "playbackStarted");
    const answer = await starter.emitWithAck("play", { recordingId, loop: true });
    if (!answer.ok) throw new Error(answer.error.message);
    const [playback] = await started;
    expect(playback.id).toBe(answer.data.id);

    // Several looks at a starter on the other instance: the loop goes on.
    await expect(nextEvent(listener, "playbackStopped", SWEEP_MS * 8)).rejects.toThrow();

    // The starter's instance dies without a word: nobody hears Ada leave.
    await crashing.kill("SIGKILL");
    const [stopped] = await nextEvent(listener, "playbackStopped", 10_000);
    expect(stopped).toBe(playback.id);
    const newcomer = await here.connect();
    expect((await join(newcomer, "jam", "Cy")).playbacks).toEqual([]);
  });
});
