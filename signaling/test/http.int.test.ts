import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draft } from "./contracts/recordingStoreContract";
import {
  join as joinRoom,
  startTestServer,
  type TestServer,
  signalWithAck,
} from "./support/testServer";

describe("signaling server: HTTP", () => {
  let t: TestServer;
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "np-dist-"));
    writeFileSync(join(dist, "index.html"), "<title>NicePiano test</title>");
    t = await startTestServer({ clientDist: dist, pingIntervalMs: 100 });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it("serves its pages with security headers: a script policy of its own, no sniffing or framing", async () => {
    for (const path of ["/", "/r/jam", "/api/me"]) {
      const headers = (await fetch(`${t.url}${path}`)).headers;
      const policy = headers.get("content-security-policy") ?? "";
      const directive = (name: string) =>
        policy
          .split(";")
          .map((part) => part.trim())
          .find((part) => part.startsWith(`${name} `));
      expect(directive("script-src")).toBe("script-src 'self'");
      expect(directive("frame-ancestors")).toBe("frame-ancestors 'none'");
      expect(directive("object-src")).toBe("object-src 'none'");
      expect(policy).not.toContain("unsafe-");
      expect(headers.get("x-content-type-options")).toBe("nosniff");
      expect(headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("throttles /readyz and /metrics per address (each costs the server a store ping or a scrape)", async () => {
    const own = await startTestServer(); // its own: the flood spends this address's budget
    const statuses = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        fetch(`${own.url}/${i % 2 ? "readyz" : "metrics"}`).then((response) => response.status),
      ),
    );
    await own.close();
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThan(100);
  });

  it("says it is not ready when its data folder's disk is (nearly) full", async () => {
    const dir = mkdtempSync(join(tmpdir(), "np-disk-"));
    const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
    // More headroom asked for than the disk has: as if it were full.
    const own = await startTestServer({ dataDir: dir, minFreeDiskBytes: free * 2 });
    const response = await fetch(`${own.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ ready: false, checks: { disk: "full" } });
    await own.close();
    const roomy = await startTestServer({ dataDir: dir });
    expect(await (await fetch(`${roomy.url}/readyz`)).json()).toMatchObject({
      ready: true,
      checks: { disk: "ok" },
    });
    await roomy.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports health", async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("reports readiness: the store answers, no Redis configured", async () => {
    const response = await fetch(`${t.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { store: "ok", redis: "not configured" },
    });
  });

  it("counts sockets, rooms, joins, signals, round trips and store operations for Prometheus", async () => {
    const [a, b] = [await t.connect(), await t.connect()];
    for (const client of [a, b]) client.on("latencyPing", (_table, ack) => ack());
    const ada = await joinRoom(a, "metrics");
    const bob = await joinRoom(b, "metrics");
    await signalWithAck(a, { to: bob.self.id, data: { type: "offer", sdp: "v=0" } });
    await signalWithAck(b, { to: ada.self.id, data: { type: "answer", sdp: "v=0" } });
    const { token } = await t.server.backend.localAccounts!.signUp({
      username: "metered",
      password: "correct horse",
    });
    const saved = await fetch(`${t.url}/api/recordings`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(draft("metered take")),
    });
    expect(saved.status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 350));

    const response = await fetch(`${t.url}/metrics`);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(value("nicepiano_connected_sockets")).toBe(2);
    expect(value("nicepiano_rooms")).toBe(1);
    expect(value("nicepiano_joins_total")).toBe(2);
    expect(value('nicepiano_signals_total{path="local"}')).toBe(2);
    expect(value("nicepiano_ping_rtt_seconds_count")).toBeGreaterThanOrEqual(2);
    expect(value('nicepiano_store_operation_seconds_count{operation="save",outcome="ok"}')).toBe(1);
    expect(value('nicepiano_store_operation_seconds_count{operation="ping",outcome="ok"}')).toBe(1);
    expect(value("process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(value("nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
  });

  it("tells a room link's browser to fetch the room's code with the page", async () => {
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "assets", "RoomPage-Ab12_cd.js"), "export {};");
    const room = await fetch(`${t.url}/r/my-room`);
    expect(room.headers.get("link")).toBe("</assets/RoomPage-Ab12_cd.js>; rel=modulepreload");
    // The landing page never runs it.
    expect((await fetch(`${t.url}/`)).headers.get("link")).toBeNull();
  });

  it("serves the app at / and at a room link", async () => {
    for (const path of ["/", "/r/my-room"]) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("NicePiano test");
    }
  });

  it("serves piano samples by the names the piano asks for, cacheable", async () => {
    const response = await fetch(`${t.url}/samples/harmSDs1.mp3`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it.each(["/samples/nope.mp3", "/samples/..%2F..%2Fpackage.json", "/r/a/b", "/etc/passwd"])(
    "answers 404 for %s",
    async (path) => {
      expect((await fetch(`${t.url}${path}`)).status).toBe(404);
    },
  );
});
