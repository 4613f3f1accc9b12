import { PeerMessageType, type RecordedEvent, type SignInAnswer } from "@nicepiano/protocol";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedBackend, type Backend } from "../src/backend";
import type { RecordingStore } from "../src/recordings/recordingStore";
import { draft } from "./contracts/recordingStoreContract";
import { startRedisServer, type RedisServer } from "./support/redisServer";
import { startTestCluster } from "./support/testCluster";
import { join, nextEvent, type TestServer } from "./support/testServer";

/** A long take: 20,000 events, about 400 KB as JSON. */
const LONG_TAKE: RecordedEvent[] = Array.from({ length: 10_000 }, (_, i) => [
  [i * 10, PeerMessageType.NoteOn, 40 + (i % 40), 80] as RecordedEvent,
  [i * 10 + 5, PeerMessageType.NoteOff, 40 + (i % 40), 0] as RecordedEvent,
]).flat();

/** The shared store, counting the recordings each instance reads from it, `slowMs` late. */
function counting(backend: Backend, slowMs = 0): { backend: Backend; reads: () => number } {
  let reads = 0;
  const store = backend.recordings;
  const recordings: RecordingStore = {
    save: (owner, recording) => store.save(owner, recording),
    list: (owner) => store.list(owner),
    listVersion: (owner) => store.listVersion(owner),
    get: async (owner, id) => {
      reads += 1;
      await new Promise((resolve) => setTimeout(resolve, slowMs));
      return store.get(owner, id);
    },
    has: (owner, id) => store.has(owner, id),
    rename: (owner, id, name) => store.rename(owner, id, name),
    delete: (owner, id) => store.delete(owner, id),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  return { backend: { ...backend, recordings }, reads: () => reads };
}

describe("playbacks of one recording across three instances", () => {
  let redis: RedisServer;
  let instances: TestServer[];
  let reads: (() => number)[];
  let ada: SignInAnswer;
  let recordingId: string;
  let published: number[];
  let watcher: ReturnType<typeof createClient>;

  beforeAll(async () => {
    redis = await startRedisServer();
    const shared = createEmbeddedBackend({ dataDir: null });
    // Instance 2 reads slowly: a playback can be stopped before it has read its take.
    const counted = [0, 0, 300].map((slowMs) => counting(shared, slowMs));
    reads = counted.map((c) => c.reads);
    instances = await startTestCluster(
      counted.length,
      redis.url,
      {},
      counted.map(({ backend }) => backend),
    );
    ada = await shared.localAccounts!.signUp({ username: "ada", password: "correct horse" });
    recordingId = (await shared.recordings.save(ada.account.id, draft("Long", LONG_TAKE))).id;
    // Every message the instances publish to each other, by its size.
    published = [];
    watcher = createClient({ url: redis.url });
    await watcher.connect();
    await watcher.pSubscribe("*", (message) => published.push(Buffer.byteLength(message)), true);
  });
  afterAll(async () => {
    await watcher.close();
    await Promise.all(instances.map((instance) => instance.close()));
    await redis.stop();
  });

  it("loads the events once on each instance and sends only the playback's id between them", async () => {
    const rooms = ["hall", "foyer"];
    // Everyone in both rooms, on every instance, before anything plays.
    const audience = await Promise.all(
      rooms.flatMap((room) =>
        instances.map(async (instance) => {
          const client = await instance.connect();
          await join(client, room, "listening in");
          return client;
        }),
      ),
    );
    const started = audience.map((client) => nextEvent(client, "playbackStarted"));
    // Four playbacks of one take, started on instance 0: two in each room.
    const players = await Promise.all(
      [...rooms, ...rooms].map(async (room) => {
        const client = await instances[0]!.connect(ada.token);
        await join(client, room, "Ada");
        return client;
      }),
    );
    published.length = 0;
    const answers = await Promise.all(
      players.map((client) => client.emitWithAck("play", { recordingId, loop: true })),
    );
    for (const answer of answers) expect(answer.ok).toBe(true);
    for (const [playback] of await Promise.all(started)) {
      expect(playback.events).toEqual(LONG_TAKE);
    }
    expect(reads.map((read) => read())).toEqual([1, 1, 1]);
    // The 400 KB of events never went through Redis.
    expect(Math.max(...published)).toBeLessThan(2_000);

    // A newcomer on another instance is given the events too.
    const newcomer = await instances[2]!.connect();
    const answer = await join(newcomer, "hall", "late");
    expect(answer.playbacks).toHaveLength(2);
    for (const playback of answer.playbacks) expect(playback.events).toEqual(LONG_TAKE);

    // Once nothing plays it, an instance lets the recording go: the next play loads it again.
    const stopped = audience.map((client) => nextEvent(client, "playbackStopped"));
    for (const [i, client] of players.entries()) {
      const id = answers[i]!.ok ? answers[i]!.data.id : "";
      expect((await client.emitWithAck("stopPlayback", id)).ok).toBe(true);
    }
    await Promise.all(stopped);
    const again = await instances[1]!.connect(ada.token);
    await join(again, "hall", "Ada again");
    const heard = nextEvent(newcomer, "playbackStarted");
    const last = await again.emitWithAck("play", { recordingId, loop: false });
    if (!last.ok) throw new Error(last.error.message);
    await heard;
    await expect.poll(() => reads.map((read) => read())).toEqual([2, 2, 2]);
    const over = nextEvent(newcomer, "playbackStopped");
    expect((await again.emitWithAck("stopPlayback", last.data.id)).ok).toBe(true);
    await over;
  });

  it("forgets a playback stopped while an instance was still reading its take", async () => {
    const here = await instances[2]!.connect();
    await join(here, "studio", "on the slow one");
    const player = await instances[0]!.connect(ada.token);
    await join(player, "studio", "Ada");
    const readsBefore = reads[2]!();
    const answer = await player.emitWithAck("play", { recordingId, loop: true });
    if (!answer.ok) throw new Error(answer.error.message);
    expect((await player.emitWithAck("stopPlayback", answer.data.id)).ok).toBe(true);
    await expect.poll(() => reads[2]!()).toBe(readsBefore + 1);
    // The read ends after the stop: nothing starts on instance 2, nothing loops there.
    await expect(nextEvent(here, "playbackStarted", 800)).rejects.toThrow("no playbackStarted");
    const newcomer = await instances[2]!.connect();
    expect((await join(newcomer, "studio", "late")).playbacks).toEqual([]);
  });
});
