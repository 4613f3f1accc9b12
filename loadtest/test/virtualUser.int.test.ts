import { API_PATHS, apiUrl, type SignInAnswer } from "@nicepiano/protocol";
import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import { post, takeOf } from "../src/scenario/scenarioAccounts";
import { TickRecorder } from "../src/scenario/tickRecorder";
import { UserHttp } from "../src/users/userHttp";
import { VirtualUser } from "../src/users/virtualUser";
import { WorkerClock } from "../src/workers/workerClock";

/** How many times the server read a list's version: once per list request it answered. */
async function listReads(t: TestServer): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const pattern = `^nicepiano_store_operation_seconds_count\\{operation="listVersion",outcome="ok"\\} (\\d+)$`;
  return Number(new RegExp(pattern, "m").exec(text)?.[1] ?? 0);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a virtual user's recordings list, kept as a page keeps it", () => {
  let t: TestServer;
  let user: VirtualUser | undefined;
  afterEach(async () => {
    user?.stop();
    await t.close();
  });

  it("asks the server once, then again only when told of a change, also one made while it was away", async () => {
    t = await startTestServer();
    const signUp = `${t.url}${apiUrl(API_PATHS.signUp)}`;
    const { token } = await post<SignInAnswer>(signUp, {
      username: "ada",
      password: "correct horse",
    });
    const recorder = new TickRecorder();
    user = new VirtualUser(
      {
        run: {
          urls: [t.url],
          startAt: 0,
          // Every event a list request (a chance of 0.1 is under the list's half).
          eventEveryMs: 20,
          noteShare: 0,
          reconnectChance: 0,
          seed: 1,
          handshake: { offerer: [], answerer: [] },
          latePingSlackMs: 500,
        },
        recorder,
        clock: new WorkerClock(() => Promise.resolve(0), { sameMachine: true }),
        http: new UserHttp(new Agent()),
      },
      {
        index: 0,
        name: "Ada",
        room: "lists",
        kind: "signaling",
        joinAt: 0,
        leaveAt: null,
        account: { token, recordingIds: [] },
      },
      { next: () => 0.1 },
    );
    await user.start();
    await pause(300);
    expect(await listReads(t)).toBe(1);
    const first = recorder.take(0, 1);
    expect(first.recordingRequests).toBeGreaterThan(5);
    expect(first.recordingLatencies).toHaveLength(1);
    expect(first.recordingsFromCache).toBe(first.recordingRequests - 1);

    // Another page of the account saves: the user is told, and asks again (once).
    await post(`${t.url}${apiUrl(API_PATHS.recordings)}`, takeOf("Take", 4), token);
    await pause(300);
    expect(await listReads(t)).toBe(2);

    recorder.take(1, 1);

    // Back from a lost connection, it says the version it holds, which the server reads
    // (once): unchanged, the user asks for nothing.
    const lose = async (meanwhile: () => Promise<unknown> = async () => {}) => {
      const rejoined = new Promise((resolve) => t.server.io.once("connection", resolve));
      for (const socket of t.server.io.of("/").sockets.values()) socket.conn.close();
      await meanwhile();
      await rejoined;
      await pause(1000);
    };
    await lose();
    expect(await listReads(t)).toBe(3);
    const unchanged = recorder.take(2, 1);
    expect(unchanged.recordingLatencies).toHaveLength(0);
    expect(unchanged.recordingsFromCache).toBeGreaterThan(5);

    // A change while it was away: it hears so as it comes back, and asks again (once).
    await lose(() => post(`${t.url}${apiUrl(API_PATHS.recordings)}`, takeOf("Away", 4), token));
    expect(await listReads(t)).toBe(5);
    const changed = recorder.take(3, 1);
    expect(changed.recordingLatencies).toHaveLength(1);
    expect(changed.errors).toEqual({});
    recorder.stop();
  });
});
