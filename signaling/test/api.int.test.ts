import { STATUS_CODES } from "node:http";
import { PeerMessageType, RECORDING_LIMITS, type SignInAnswer } from "@nicepiano/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draft, ROOM_TAKE, SCALE } from "./contracts/recordingStoreContract";
import { apiClient, signUpThrough } from "./support/apiClient";
import { headWithoutBody } from "./support/headWithoutBody";
import { startTestServer, type TestServer } from "./support/testServer";

describe("HTTP API: accounts and recordings (embedded back end)", () => {
  let t: TestServer;
  let ada: SignInAnswer;
  let bob: SignInAnswer;

  const api = apiClient(() => t.url);

  beforeAll(async () => {
    t = await startTestServer();
    ada = await signUpThrough(api, "ada", "correct horse");
    bob = await signUpThrough(api, "bob", "battery staple");
  });
  afterAll(() => t.close());

  it("signs up, signs in and says who is signed in", async () => {
    expect(ada.account.username).toBe("ada");
    const signedIn = await api("/auth/signin", {
      body: { username: "ada", password: "correct horse" },
    });
    expect(signedIn.status).toBe(200);
    expect((await api("/me", { token: signedIn.body.token! })).body).toEqual({
      account: ada.account,
      backend: "embedded",
    });
  });

  it.each([
    [
      "a wrong password",
      "/auth/signin",
      { username: "ada", password: "wrong horse" },
      401,
      "invalid-credentials",
    ],
    [
      "a taken username",
      "/auth/signup",
      { username: "ADA", password: "correct horse" },
      409,
      "username-taken",
    ],
    ["a short password", "/auth/signup", { username: "cy", password: "x" }, 400, "invalid-payload"],
    [
      "extra fields",
      "/auth/signup",
      { username: "cyd", password: "long enough", admin: true },
      400,
      "invalid-payload",
    ],
  ])("refuses %s", async (_label, path, body, status, code) => {
    const answer = await api(path, { body });
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
    expect(answer.body.error?.message.length ?? 0).toBeGreaterThan(5);
  });

  it("keeps recordings to their owner", async () => {
    const saved = await api("/recordings", { token: ada.token, body: draft("Ada's scale", SCALE) });
    expect(saved.status).toBe(201);
    const id = saved.body.recording!.id;
    expect((await api(`/recordings/${id}`, { token: ada.token })).body.recording!.events).toEqual(
      SCALE,
    );

    for (const [method, body] of [["GET"], ["PATCH", { name: "mine" }], ["DELETE"]] as const) {
      const answer = await api(`/recordings/${id}`, { method, token: bob.token, body });
      expect(answer.status).toBe(404);
    }
    expect((await api("/recordings", { token: bob.token })).body.recordings).toEqual([]);
    const renamed = await api(`/recordings/${id}`, {
      method: "PATCH",
      token: ada.token,
      body: { name: "Renamed" },
    });
    expect(renamed.body.recording!.name).toBe("Renamed");
    expect((await api(`/recordings/${id}`, { method: "DELETE", token: ada.token })).status).toBe(
      204,
    );
    expect((await api(`/recordings/${id}`, { token: ada.token })).status).toBe(404);
  });

  it.each([
    ["no token", undefined, "unauthorized"],
    ["a forged token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl", "invalid-token"],
    ["garbage", "garbage", "invalid-token"],
  ])("refuses a guest with %s", async (_label, token, code) => {
    const answer = await api("/recordings", { token, body: draft("x") });
    expect(answer.status).toBe(401);
    expect(answer.body.error?.code).toBe(code);
  });

  it("reads a request's body only as far as its route takes, and an upload's only once signed in", async () => {
    const bulky = { username: "ada", password: "x".repeat(100_000) };
    const signIn = await api("/auth/signin", { body: bulky });
    expect([signIn.status, signIn.body.error?.code]).toEqual([413, "too-large"]);
    // A megabyte that is not even JSON, without a token: refused for the token, unread.
    const upload = await api("/recordings", { rawBody: `{${"x".repeat(1_000_000)}` });
    expect([upload.status, upload.body.error?.code]).toEqual([401, "unauthorized"]);
    const rename = await api(`/recordings/whatever`, {
      token: ada.token,
      method: "PATCH",
      body: { name: "x".repeat(100_000) },
    });
    expect([rename.status, rename.body.error?.code]).toEqual([413, "too-large"]);
  });

  it.each([
    ["a length over the limit", "content-length: 3000000", "413", "too-large"],
    ["no length (chunked)", "transfer-encoding: chunked", "411", "length-required"],
  ])(
    "refuses a body with %s from its head, and hangs up without reading it",
    async (_label, header, status, code) => {
      const { answer, closed } = await headWithoutBody(
        t.url,
        `POST /api/auth/signin HTTP/1.1\ncontent-type: application/json\n${header}`,
      );
      expect(answer.split("\r\n")[0]).toBe(`HTTP/1.1 ${status} ${STATUS_CODES[status]}`);
      expect(answer).toContain(`"code":"${code}"`);
      expect(closed).toBe(true);
      // The server goes on serving.
      const signIn = await api("/auth/signin", {
        body: { username: "ada", password: "correct horse" },
      });
      expect(signIn.status).toBe(200);
    },
  );

  it("refuses an expired token", async () => {
    const expired = await t.server.backend.localAccounts!.issueExpiredTokenFor(ada.account);
    const answer = await api("/recordings", { token: expired });
    expect(answer.body.error?.code).toBe("expired-token");
  });

  it.each([
    ["not JSON", { rawBody: "{nope" }, 400, "invalid-payload"],
    ["events out of order", { body: draft("x", [SCALE[2]!, SCALE[0]!]) }, 400, "invalid-payload"],
    [
      "a note-on with velocity 0",
      { body: draft("x", [[0, PeerMessageType.NoteOn, 60, 0]]) },
      400,
      "invalid-payload",
    ],
    [
      "a note above 127",
      { body: draft("x", [[0, PeerMessageType.NoteOn, 200, 10]]) },
      400,
      "invalid-payload",
    ],
    ["an empty name", { body: draft("  ", SCALE) }, 400, "invalid-payload"],
    [
      "an event of a player it does not have",
      { body: { ...draft("x", ROOM_TAKE), tracks: [{ name: "Ada", color: "#e6194b" }] } },
      400,
      "invalid-payload",
    ],
    [
      "a player whose colour is not one",
      { body: { ...draft("x", SCALE), tracks: [{ name: "Ada", color: "red; x" }] } },
      400,
      "invalid-payload",
    ],
    [
      "a downbeat more than a bar in",
      { body: { ...draft("x", SCALE), tempo: { bpm: 120, beatsPerBar: 4, downbeatMs: 2000 } } },
      400,
      "invalid-payload",
    ],
    [
      "too many events",
      {
        body: draft(
          "x",
          Array.from({ length: RECORDING_LIMITS.events + 1 }, () => SCALE[0]!),
        ),
      },
      400,
      "invalid-payload",
    ],
    [
      "a body over the limit",
      { rawBody: `{"name":"${"x".repeat(RECORDING_LIMITS.bodyBytes)}"}` },
      413,
      "too-large",
    ],
  ])("rejects a recording with %s and stores nothing", async (_label, init, status, code) => {
    const before = (await api("/recordings", { token: bob.token })).body.recordings;
    const answer = await api("/recordings", { token: bob.token, ...init });
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
    expect((await api("/recordings", { token: bob.token })).body.recordings).toEqual(before);
  });

  it("signs a socket in with its handshake token, and lets a bad token play as a guest", async () => {
    const signedIn = await t.connect(ada.token);
    const answer = await signedIn.emitWithAck("join", { room: "acct", name: "Ada" });
    expect(answer.ok && answer.data.account).toEqual(ada.account);

    const forged = await t.connect("forged.token.here");
    const guest = await forged.emitWithAck("join", { room: "acct", name: "Guest" });
    expect(guest.ok && guest.data.account).toBeNull();
    expect(guest.ok && guest.data.authError?.code).toBe("invalid-token");
    signedIn.disconnect();
    forged.disconnect();
  });
});
