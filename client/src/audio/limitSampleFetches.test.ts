import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitSampleFetches } from "./limitSampleFetches";

describe("limitSampleFetches", () => {
  let base: string;
  let inFlight = 0;
  let peak = 0;
  const server = createServer((req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      inFlight--;
      res.end(req.url);
    }, 30);
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("runs at most `max` sample downloads at once, other requests freely, until restored", async () => {
    const restore = limitSampleFetches("/samples/", 2);
    peak = 0;
    const samples = Array.from({ length: 8 }, (_, i) => fetch(`${base}/samples/${i}.mp3`));
    expect(await Promise.all(samples.map(async (r) => (await r).text()))).toHaveLength(8);
    expect(peak).toBe(2);

    peak = 0;
    await Promise.all(
      Array.from({ length: 4 }, () => fetch(`${base}/api/x`).then((r) => r.text())),
    );
    expect(peak).toBe(4);

    restore();
    peak = 0;
    await Promise.all(
      Array.from({ length: 4 }, (_, i) => fetch(`${base}/samples/${i}`).then((r) => r.text())),
    );
    expect(peak).toBe(4);
  });
});
