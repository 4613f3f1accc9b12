import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/testServer";

describe("signaling server: HTTP", () => {
  let t: TestServer;
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), "np-dist-"));
    writeFileSync(join(dist, "index.html"), "<title>NicePiano test</title>");
    t = await startTestServer({ clientDist: dist });
  });
  afterAll(() => t.close());

  it("reports health", async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("serves the app at / and at a room link", async () => {
    for (const path of ["/", "/r/my-room"]) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("NicePiano test");
    }
  });

  it("serves piano samples by the names @tonejs/piano asks for, cacheable", async () => {
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
