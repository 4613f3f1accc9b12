import { decodePeerFrame, encodePingFrame, PeerFrameType } from "@nicepiano/protocol";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakePeers } from "../testing/fakeRoomSocket";
import { isWorthSignalling, PeerMesh } from "./peerMesh";

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

describe("PeerMesh and a peer that floods pings", () => {
  afterEach(() => vi.useRealTimers());

  it("answers a few pings a second, not every one", () => {
    vi.useFakeTimers();
    const { createPeer, peers } = fakePeers();
    const mesh = new PeerMesh({ createPeer, iceServers: () => [], sendSignal: () => {} });
    mesh.connect("eve", false);
    const eve = peers[0]!;
    eve.emit("connect");
    eve.sent.length = 0;
    for (let id = 0; id < 1000; id++) {
      eve.emit("data", encodePingFrame({ type: PeerFrameType.Ping, id, t: id }));
    }
    const pongs = eve.sent.filter((frame) => decodePeerFrame(frame)?.type === PeerFrameType.Pong);
    expect(pongs.length).toBeGreaterThan(0);
    expect(pongs.length).toBeLessThanOrEqual(10);
    mesh.destroy();
  });
});
