import { describe, expect, it } from "vitest";
import { RoomStore } from "../room/roomStore";
import { member } from "../testing/fakeRoomSocket";
import { LOCAL, PianoPlayers } from "./pianoPlayers";

describe("PianoPlayers", () => {
  const store = new RoomStore();
  store.setSelf({ ...member("bob", 2, "Bob"), color: "#00aa00" });
  store.putMember({ ...member("ada", 1, "Ada"), color: "#aa0000" });
  const players = new PianoPlayers(store);

  it("names the member behind the local player and the others", () => {
    expect(players.memberOf(LOCAL)).toBe("bob");
    expect(players.colorOf(LOCAL)).toBe("#00aa00");
    expect(players.colorOf("ada")).toBe("#aa0000");
    expect(players.colorOf("gone")).toBe("#888888");
  });

  it("sounds a playback's track in its recorded colour, else its starter's, until it ends", () => {
    players.startedBy("p1:0", "ada", "#0000aa");
    players.startedBy("p1:1", "ada");
    expect(players.memberOf("p1:0")).toBe("ada");
    expect(players.colorOf("p1:0")).toBe("#0000aa");
    expect(players.colorOf("p1:1")).toBe("#aa0000");
    players.ended("p1:0");
    expect(players.memberOf("p1:0")).toBe("p1:0");
    expect(players.colorOf("p1:0")).toBe("#888888");
  });
});
