import { API_PATHS, apiUrl } from "@nicepiano/protocol";
import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHaproxy, type HaproxyProcess } from "./support/haproxyProcess";
import { httpsGet } from "./support/httpsRequest";
import { join, startTestServer, type TestClient, type TestServer } from "./support/testServer";

/** The shipped deploy/haproxy.cfg, for real, with a certificate made for the test. */
describe("TLS at the balancer (deploy/haproxy.cfg)", () => {
  let server: TestServer;
  let haproxy: HaproxyProcess;
  beforeAll(async () => {
    server = await startTestServer({ proxyHops: 1 });
    // The file names two instances: both lines lead to this one.
    const port = Number(new URL(server.url).port);
    haproxy = await startHaproxy([port, port]);
  });
  afterAll(async () => {
    await haproxy?.stop();
    await server?.close();
  });

  it("carries Socket.IO over wss to an instance", async () => {
    const client: TestClient = connect(haproxy.url, {
      ca: haproxy.ca,
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      client.once("connect", resolve);
      client.once("connect_error", reject);
    });
    expect((await join(client, "secure", "Ada")).self.name).toBe("Ada");
    client.disconnect();
  });

  it("sends plain HTTP to HTTPS, and tells browsers to stay on HTTPS", async () => {
    const redirect = await new Promise<{ status?: number; location?: string }>((resolve, reject) =>
      get(`${haproxy.httpUrl}/r/jam?x=1`, (res) => {
        res.resume();
        resolve({ status: res.statusCode, location: res.headers.location });
      }).on("error", reject),
    );
    expect(redirect.status).toBe(301);
    expect(redirect.location).toMatch(/^https:\/\/127\.0\.0\.1[:/].*\/r\/jam\?x=1$/);
    const page = await httpsGet(`${haproxy.url}/r/jam`, haproxy.ca);
    expect(page.status).toBe(200);
    expect(page.headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  });

  it("keeps /metrics off the public side (an instance still serves it to Prometheus)", async () => {
    expect((await httpsGet(`${haproxy.url}/metrics`, haproxy.ca)).status).toBe(404);
    expect((await httpsGet(`${haproxy.url}/metrics/x`, haproxy.ca)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });

  it("compresses what the instances send uncompressed", async () => {
    const answer = await httpsGet(`${haproxy.url}${apiUrl(API_PATHS.config)}`, haproxy.ca, {
      "accept-encoding": "gzip",
    });
    expect(answer.status).toBe(200);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(answer.body).toString())).toHaveProperty("backend");
  });
});
