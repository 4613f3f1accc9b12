import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import type { Ack, JoinAnswer } from "@nicepiano/protocol";
import type { Socket } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { rawHttp } from "./support/rawHttp";
import {
  join,
  nextEvent,
  startTestServer,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The value of one counter line in `/metrics` (0 when absent). */
async function counter(server: TestServer, line: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const found = text.split("\n").find((row) => row.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

const tryJoin = (client: Socket | Parameters<typeof join>[0], room: string) =>
  (client as Parameters<typeof join>[0]).emitWithAck("join", { room, name: "Flo" });

const codes = (answers: Ack<JoinAnswer>[]) =>
  answers.map((answer) => (answer.ok ? "ok" : answer.error.code));

describe("the server's guard: unknown events and rate limits", () => {
  it("drops and counts events no client sends; the socket plays on", async () => {
    t = await startTestServer();
    const client = await t.connect();
    for (let i = 0; i < 5; i++) (client as unknown as Socket).emit(`hack${i}`, { deep: [i] });
    expect((await join(client, "fine")).self.name).toBe("player");
    expect(await counter(t, "nicepiano_unknown_events_total")).toBe(5);
  });

  it("refuses joins over the limit, then sends a flooder away with a reason; its room mate plays on", async () => {
    t = await startTestServer();
    const honest = await t.connect();
    const mate = await t.connect();
    const { self } = await join(honest, "calm", "Ada");
    const bob = await join(mate, "calm", "Bob");

    const flooder = await t.connect(undefined, { localAddress: "127.0.0.2" });
    const answers = await Promise.all(Array.from({ length: 12 }, () => tryJoin(flooder, "calm")));
    // A guest's burst is 5 joins; the rest are refused, typed.
    expect(codes(answers).filter((code) => code === "ok")).toHaveLength(5);
    expect(codes(answers).filter((code) => code === "rate-limited")).toHaveLength(7);

    const kicked = nextEvent(flooder, "kicked");
    const gone = new Promise<string>((resolve) => flooder.once("disconnect", resolve));
    for (let i = 0; i < 200; i++) flooder.emit("rename", `F${i}`, () => {});
    expect((await kicked)[0]).toMatchObject({ code: "rate-limited" });
    expect(await gone).toBe("io server disconnect");
    expect(await counter(t, "nicepiano_kicked_sockets_total")).toBe(1);

    // The honest pair noticed nothing: still connected, still reaching each other.
    const signal = nextEvent(mate, "signal");
    const sent = await signalWithAck(honest, {
      to: bob.self.id,
      data: { type: "offer", sdp: "v=0" },
    });
    expect(sent.ok).toBe(true);
    expect((await signal)[0].from).toBe(self.id);
    expect(honest.connected).toBe(true);
  });

  it("is stricter with guests than with signed-in players", async () => {
    t = await startTestServer();
    const signup = await rawHttp(t.url, "/api/auth/signup", {
      body: JSON.stringify({ username: "clara", password: "correct horse" }),
    });
    const { token } = JSON.parse(signup.body) as { token: string };
    const guest = await t.connect(undefined, { localAddress: "127.0.0.3" });
    const player = await t.connect(token, { localAddress: "127.0.0.4" });
    const asGuest = await Promise.all(Array.from({ length: 12 }, () => tryJoin(guest, "g")));
    const asPlayer = await Promise.all(Array.from({ length: 12 }, () => tryJoin(player, "p")));
    expect(codes(asGuest).filter((code) => code === "ok")).toHaveLength(5);
    expect(codes(asPlayer).filter((code) => code === "ok")).toHaveLength(10);
  });

  it("shares one address's budget among its sockets, and leaves other addresses theirs", async () => {
    t = await startTestServer();
    // 22 sockets from one address, each within its own limit (4 joins): 80 joins fit the
    // address's burst, the next ones do not (but for what refills while they arrive).
    const crowd = await Promise.all(
      Array.from({ length: 22 }, () => t!.connect(undefined, { localAddress: "127.0.0.5" })),
    );
    const answers = (
      await Promise.all(
        crowd.map((client, i) =>
          Promise.all(Array.from({ length: 4 }, () => tryJoin(client, `crowd-${i}`))),
        ),
      )
    ).flat();
    const ok = codes(answers).filter((code) => code === "ok").length;
    expect(ok).toBeGreaterThanOrEqual(80);
    expect(ok).toBeLessThan(84);
    expect(codes(answers).filter((code) => code === "rate-limited")).toHaveLength(88 - ok);
    const elsewhere = await t.connect(undefined, { localAddress: "127.0.0.6" });
    expect((await tryJoin(elsewhere, "c")).ok).toBe(true);
  });

  it("limits new connections per address", async () => {
    t = await startTestServer();
    const tries = await Promise.allSettled(
      Array.from({ length: 45 }, () =>
        t!.connect(undefined, { localAddress: "127.0.0.9", reconnection: false }),
      ),
    );
    const connected = tries.filter((result) => result.status === "fulfilled").length;
    // A burst of 40, and what refills while they arrive (8 a second).
    expect(connected).toBeGreaterThanOrEqual(40);
    expect(connected).toBeLessThan(45);
    expect(await counter(t, 'nicepiano_refused_requests_total{kind="connect"}')).toBe(
      45 - connected,
    );
    expect((await t.connect(undefined, { localAddress: "127.0.0.10" })).connected).toBe(true);
  });

  it("limits new connections per address whatever their URL carries (xsid= is no session)", async () => {
    t = await startTestServer();
    const tries = await Promise.allSettled(
      Array.from({ length: 45 }, () =>
        t!.connect(undefined, {
          localAddress: "127.0.0.11",
          reconnection: false,
          query: { xsid: "1", note: "sid=" },
        }),
      ),
    );
    const connected = tries.filter((result) => result.status === "fulfilled").length;
    expect(connected).toBeLessThan(45);
  });

  it("limits account attempts per address over HTTP (429, Retry-After), not other addresses'", async () => {
    t = await startTestServer();
    const attempt = (localAddress: string) =>
      rawHttp(t!.url, "/api/auth/signin", {
        body: JSON.stringify({ username: "nobody", password: "guess guess" }),
        localAddress,
      });
    // All at once, so the limit is met before anything refills (0.5 a second).
    const responses = await Promise.all(Array.from({ length: 25 }, () => attempt("127.0.0.7")));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(20);
    const refused = responses.find((response) => response.status === 429)!;
    expect(refused.headers["retry-after"]).toBe("1");
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: "rate-limited" } });
    expect((await attempt("127.0.0.8")).status).toBe(401);
    expect(await counter(t, 'nicepiano_refused_requests_total{kind="account"}')).toBe(5);
  });

  it("lets a trusted proxy name the client's address, and ignores what the client wrote", async () => {
    t = await startTestServer({ proxyHops: 1 });
    const attempt = (forwardedFor: string) =>
      rawHttp(t!.url, "/api/auth/signin", {
        body: JSON.stringify({ username: "nobody", password: "guess guess" }),
        headers: { "x-forwarded-for": forwardedFor },
      });
    // The client claims a new address each time; the proxy's entry (last) is what counts.
    const responses = await Promise.all(
      Array.from({ length: 22 }, (_, i) => attempt(`10.0.0.${i}, 203.0.113.9`)),
    );
    expect(responses.filter((response) => response.status === 429)).toHaveLength(2);
    expect((await attempt("203.0.113.10")).status).toBe(401);
  });
});

describe("the server's guard: origins and files", () => {
  it("lets in its own pages, allowed origins and non-browser clients; refuses other pages", async () => {
    t = await startTestServer({ allowedOrigins: ["https://friend.example"] });
    const withOrigin = (origin: string) => t!.connect(undefined, { extraHeaders: { origin } });
    await expect(withOrigin("https://evil.example")).rejects.toThrow();
    await expect(withOrigin("null")).rejects.toThrow();
    expect((await withOrigin("https://friend.example")).connected).toBe(true);
    expect((await withOrigin(t.url)).connected).toBe(true);
    expect((await t.connect()).connected).toBe(true);

    const api = (origin: string, method = "GET") =>
      rawHttp(t!.url, "/api/config", { method, headers: { origin } });
    const evil = await api("https://evil.example");
    expect(evil.status).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ error: { code: "forbidden-origin" } });
    const friend = await api("https://friend.example");
    expect(friend.status).toBe(200);
    expect(friend.headers["access-control-allow-origin"]).toBe("https://friend.example");
    const preflight = await api("https://friend.example", "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-methods"]).toContain("DELETE");
    expect((await api(t.url)).status).toBe(200);
  });

  it("serves no file from outside its folders, however the path is written", async () => {
    const base = mkdtempSync(joinPath(tmpdir(), "np-traversal-"));
    try {
      const dist = joinPath(base, "dist");
      mkdirSync(joinPath(dist, "assets"), { recursive: true });
      writeFileSync(joinPath(dist, "index.html"), "<title>app</title>");
      writeFileSync(joinPath(dist, "assets", "app.js"), "console.log('app')");
      writeFileSync(joinPath(base, "secret.txt"), "TOP SECRET");
      t = await startTestServer({ clientDist: dist });
      expect((await rawHttp(t.url, "/assets/app.js")).body).toContain("app");

      const paths = [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/../../secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%5c..%5csecret.txt",
        "/r/..%2f..%2fsecret.txt",
        "/samples/..%2f..%2f..%2fpackage.json",
        "/samples/%2e%2e%2fsecret.txt",
        "//etc/passwd",
        "/assets/%00../secret.txt",
      ];
      for (const path of paths) {
        const response = await rawHttp(t.url, path);
        expect(response.body, path).not.toContain("TOP SECRET");
        expect(response.body, path).not.toContain('"name"');
        expect(response.body, path).not.toContain("root:");
        expect([200, 400, 403, 404], path).toContain(response.status);
      }
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
