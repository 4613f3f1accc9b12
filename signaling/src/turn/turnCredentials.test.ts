import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { turnCredential } from "./turnCredentials";

const settings = { secret: "s3cret", urls: ["turn:turn.example:3478"], ttlSeconds: 600 };

describe("TURN credentials", () => {
  it("names the expiry and the user, and signs them with the shared secret", () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 0);
    const { iceServer, expiresAt } = turnCredential(settings, "peer-1", now);
    expect(iceServer.username).toBe(`${now / 1000 + 600}:peer-1`);
    expect(expiresAt).toBe(now + 600_000);
    expect(iceServer.urls).toEqual(settings.urls);
    const expected = createHmac("sha1", "s3cret").update(iceServer.username!).digest("base64");
    expect(iceServer.credential).toBe(expected);
  });

  it("gives one user the same name within a minute, so coturn's per-user quota holds", () => {
    const now = Date.UTC(2026, 10, 29, 12, 0, 5);
    const first = turnCredential(settings, "peer-1", now);
    const again = turnCredential(settings, "peer-1", now + 40_000);
    expect(again.iceServer.username).toBe(first.iceServer.username);
    expect(first.expiresAt).toBeGreaterThanOrEqual(now + 600_000);
    expect(first.expiresAt).toBeLessThan(now + 660_000);
  });

  it("never carries the secret", () => {
    const { iceServer } = turnCredential(settings, "peer-1");
    expect(JSON.stringify(iceServer)).not.toContain("s3cret");
  });
});
