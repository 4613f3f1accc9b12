import { readFileSync } from "node:fs";
import { get, type IncomingMessage } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../src/config";
import { startTestServer, type TestServer } from "./support/testServer";

/** The built app's main script, as index.html names it (`npm test` builds first). */
function mainScript(): string {
  const html = readFileSync(join(DEFAULT_CONFIG.clientDist, "index.html"), "utf8");
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error("index.html names no script under /assets: run `npm run build`");
  return src;
}

/** `url` fetched with `acceptEncoding`, its body as sent (not decoded). */
function fetchRaw(url: string, acceptEncoding: string) {
  return new Promise<{ response: IncomingMessage; body: Buffer }>((resolve, reject) => {
    get(url, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ response, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("the built app's scripts", () => {
  let t: TestServer;
  let script: string;
  let original: Buffer;
  beforeAll(async () => {
    t = await startTestServer();
    script = mainScript();
    original = readFileSync(join(DEFAULT_CONFIG.clientDist, script));
  });
  afterAll(async () => await t.close());

  it("are sent in brotli to a browser that takes it, the same script once decoded", async () => {
    const { response, body } = await fetchRaw(`${t.url}${script}`, "gzip, deflate, br");
    expect(response.headers["content-encoding"]).toBe("br");
    expect(response.headers["content-type"]).toMatch(/javascript/);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers["cache-control"]).toContain("immutable");
    expect(brotliDecompressSync(body).equals(original)).toBe(true);
    // A third of the bytes at most (the landing page's script: 125 kB, 34 kB in brotli).
    expect(body.length).toBeLessThan(original.length / 3);
  });

  it("are sent in gzip to one that takes only gzip, and as they are to one that takes none", async () => {
    const gzipped = await fetchRaw(`${t.url}${script}`, "gzip");
    expect(gzipped.response.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body).equals(original)).toBe(true);

    const plain = await fetchRaw(`${t.url}${script}`, "identity");
    expect(plain.response.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });
});

describe("the built app's page", () => {
  let t: TestServer;
  beforeAll(async () => (t = await startTestServer()));
  afterAll(async () => await t.close());

  it("is sent in brotli at / and at a room link, never cached, under the page's policy", async () => {
    const original = readFileSync(join(DEFAULT_CONFIG.clientDist, "index.html"));
    for (const path of ["/", "/r/jam"]) {
      const { response, body } = await fetchRaw(`${t.url}${path}`, "gzip, deflate, br");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-encoding"]).toBe("br");
      expect(response.headers["content-type"]).toMatch(/text\/html/);
      expect(response.headers["cache-control"]).toBe("public, max-age=0");
      expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
      expect(brotliDecompressSync(body).equals(original)).toBe(true);
    }
  });
});
