import { describe, expect, it } from "vitest";
import { pageOptions } from "./pageOptions";

describe("pageOptions", () => {
  it("defaults to the loss-proof transport and every ICE candidate", () => {
    expect(pageOptions("")).toEqual({ transport: "loss-proof", relayOnly: false });
  });

  it("takes the reliable transport and relay-only ICE from the address", () => {
    expect(pageOptions("?transport=reliable&ice=relay")).toEqual({
      transport: "reliable",
      relayOnly: true,
    });
  });

  it("ignores values it does not know", () => {
    expect(pageOptions("?transport=carrier-pigeon&ice=maybe")).toEqual({
      transport: "loss-proof",
      relayOnly: false,
    });
  });
});
