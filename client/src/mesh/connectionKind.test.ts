import { describe, expect, it } from "vitest";
import { kindFromStats } from "./connectionKind";

const candidate = (id: string, candidateType: string) => ({
  type: "local-candidate",
  id,
  candidateType,
});

describe("kindFromStats", () => {
  it("reads the pair the transport selected (Chromium)", () => {
    const reports = [
      { type: "transport", id: "T", selectedCandidatePairId: "P2" },
      { type: "candidate-pair", id: "P1", localCandidateId: "L1", remoteCandidateId: "R1" },
      { type: "candidate-pair", id: "P2", localCandidateId: "L2", remoteCandidateId: "R2" },
      candidate("L1", "host"),
      candidate("R1", "host"),
      candidate("L2", "relay"),
      candidate("R2", "srflx"),
    ];
    expect(kindFromStats(reports)).toBe("turn");
  });

  it("reads a nominated, succeeded pair when no transport names one (Node)", () => {
    const reports = [
      {
        type: "candidate-pair",
        id: "P",
        nominated: true,
        state: "succeeded",
        localCandidateId: "L",
        remoteCandidateId: "R",
      },
      candidate("L", "host"),
      candidate("R", "prflx"),
    ];
    expect(kindFromStats(reports)).toBe("direct");
  });

  it("says nothing before a pair is chosen", () => {
    expect(kindFromStats([])).toBeUndefined();
    expect(
      kindFromStats([{ type: "candidate-pair", id: "P", state: "in-progress", nominated: false }]),
    ).toBeUndefined();
  });
});
