import { describe, expect, it } from "vitest";
import { addressRateFor } from "./rateLimits";
import { limitKey, RequestLimiter } from "./requestLimiter";

describe("RequestLimiter's addresses", () => {
  it("counts an IPv6 client by its /64 (one home's network), an IPv4 one by its address", () => {
    expect(limitKey("2001:db8:0:7:a:b:c:d")).toBe(limitKey("2001:db8:0:7::1"));
    expect(limitKey("2001:db8:0:7::1")).not.toBe(limitKey("2001:db8:0:8::1"));
    expect(limitKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(limitKey("192.0.2.1")).not.toBe(limitKey("192.0.2.2"));
  });

  it("gives all the addresses of one /64 one budget", () => {
    const limiter = new RequestLimiter();
    const { burst } = addressRateFor("connect");
    let taken = 0;
    for (let i = 1; i <= burst + 10; i++) {
      if (limiter.take(`2001:db8:0:7::${i.toString(16)}`, "connect")) taken++;
    }
    expect(taken).toBeLessThanOrEqual(burst + 1);
    expect(limiter.take("2001:db8:0:8::1", "connect")).toBe(true);
  });

  it("exempts an exact address only", () => {
    const limiter = new RequestLimiter({ exempt: ["2001:db8::1"] });
    const { burst } = addressRateFor("connect");
    for (let i = 0; i < burst * 2; i++) expect(limiter.take("2001:db8::1", "connect")).toBe(true);
    let taken = 0;
    for (let i = 0; i < burst + 10; i++) if (limiter.take("2001:db8::2", "connect")) taken++;
    expect(taken).toBeLessThanOrEqual(burst + 1);
  });
});
