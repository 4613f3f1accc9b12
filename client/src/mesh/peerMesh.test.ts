import { describe, expect, it } from "vitest";
import { isWorthSignalling } from "./peerMesh";

const candidate = (line: string) => ({
  type: "candidate" as const,
  candidate: { candidate: line },
});

describe("isWorthSignalling", () => {
  it("passes offers, answers and UDP candidates on", () => {
    expect(isWorthSignalling({ type: "offer", sdp: "v=0" })).toBe(true);
    expect(
      isWorthSignalling(
        candidate("candidate:1 1 udp 2122260223 10.77.0.1 36103 typ host generation 0"),
      ),
    ).toBe(true);
    expect(
      isWorthSignalling(
        candidate("candidate:2 1 udp 41885439 10.0.0.9 3478 typ relay raddr 0.0.0.0"),
      ),
    ).toBe(true);
  });

  it("drops TCP host candidates", () => {
    expect(
      isWorthSignalling(
        candidate("candidate:3 1 tcp 1518280447 10.77.0.1 36211 typ host tcptype passive"),
      ),
    ).toBe(false);
  });
});
