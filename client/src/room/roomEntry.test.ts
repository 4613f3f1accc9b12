import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeRoomSocket, fakePeers, joinAnswer, member } from "../testing/fakeRoomSocket";
import { RoomEntry } from "./roomEntry";
import { RoomSession } from "./roomSession";

const ada = member("ada", 1, "Ada");
const bob = member("bob", 2, "Bob");

describe("RoomEntry (fake socket and peers)", () => {
  let socket: FakeRoomSocket;
  let session: RoomSession;
  let entry: RoomEntry;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeRoomSocket();
    session = new RoomSession({
      socket: socket.asRoomSocket(),
      createPeer: fakePeers().createPeer,
    });
    entry = new RoomEntry(session, "jam", { name: () => "Bob" });
  });
  afterEach(() => {
    entry.destroy();
    session.destroy();
    vi.useRealTimers();
  });

  /** The socket connects and the server takes Bob into the room where Ada is. */
  const joins = async () => {
    socket.serverSends("connect");
    const request = socket.next("join");
    expect(request.args[0]).toMatchObject({ room: "jam", name: "Bob" });
    request.answer(joinAnswer(bob, [ada]));
    await vi.waitFor(() => expect(session.store.connection).toBe("joined"));
  };

  it("joins once connected, and the store shows who is there", async () => {
    expect(session.store.connection).toBe("connecting");
    await joins();
    expect(session.store.self).toEqual(bob);
    expect([...session.store.members.keys()]).toEqual(["ada"]);
  });

  it("shows a refused join with the server's reason", async () => {
    socket.serverSends("connect");
    socket.answer("join", {
      ok: false,
      error: { code: "room-full", message: "The room is full." },
    });
    await vi.waitFor(() => expect(session.store.connection).toBe("refused"));
    expect(session.store.error).toBe("The room is full.");
  });

  it("shows a lost connection, a refused rejoin and the return", async () => {
    await joins();
    socket.serverSends("disconnect", "transport close");
    expect(session.store.connection).toBe("reconnecting");

    socket.reconnect("socket-2");
    socket.answer("join", { ok: false, error: { code: "room-locked", message: "Locked." } });
    await vi.waitFor(() => expect(session.store.connection).toBe("refused"));
    expect(session.store.error).toMatch(
      /^Could not get back into the room: Locked\. Trying again in \d+ s\.$/,
    );

    await vi.advanceTimersByTimeAsync(60_000);
    socket.answer("join", joinAnswer(bob, [ada]));
    await vi.waitFor(() => expect(session.store.connection).toBe("joined"));
    expect(session.store.error).toBeUndefined();
  });

  it("stays out once the server sends it away, saying why", async () => {
    await joins();
    socket.serverSends("kicked", { code: "replaced", message: "You joined from another tab." });
    socket.serverSends("disconnect", "io server disconnect");
    expect(session.store.connection).toBe("refused");
    expect(session.store.error).toBe("You joined from another tab.");
  });
});
