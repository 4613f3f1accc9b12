import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  FakeRoomSocket,
  fakePeers,
  joinAnswer,
  member,
  type FakePeer,
} from "../testing/fakeRoomSocket";
import { RoomSession, type SessionEvents } from "./roomSession";

const ada = member("ada", 1, "Ada");
const bob = member("bob", 2, "Bob");
const offer = { type: "offer", sdp: "v=0 bob's offer" };

describe("RoomSession (fake socket and peers)", () => {
  let socket: FakeRoomSocket;
  let peers: FakePeer[];
  let session: RoomSession;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeRoomSocket();
    const fake = fakePeers();
    peers = fake.peers;
    session = new RoomSession({ socket: socket.asRoomSocket(), createPeer: fake.createPeer });
  });
  afterEach(() => {
    session.destroy();
    vi.useRealTimers();
  });

  /** Bob joins the room "jam", where Ada already is. */
  const bobJoinsAda = async () => {
    const joined = session.join("jam", "Bob");
    socket.answer("join", joinAnswer(bob, [ada]));
    await joined;
  };

  /** Every `event` the session emits from now on. */
  const heard = <E extends keyof SessionEvents>(event: E): SessionEvents[E][] => {
    const events: SessionEvents[E][] = [];
    session.events.on(event, (value) => events.push(value));
    return events;
  };

  it("joins, and starts the connection to a member who was there first", async () => {
    const joined = session.join("jam", "Bob");
    const request = socket.next("join");
    expect(request.args[0]).toMatchObject({ room: "jam", name: "Bob" });
    request.answer(joinAnswer(bob, [ada]));
    await joined;
    expect([...session.members.keys()]).toEqual(["ada"]);
    expect(peers.map((peer) => peer.options.initiator)).toEqual([true]);
  });

  it("sends its peers' signals to the server without asking for an acknowledgement", async () => {
    await bobJoinsAda();
    const ownOffer = { type: "offer", sdp: "v=0 bob's own offer" };
    peers[0]!.emit("signal", ownOffer);
    // One argument: no callback, so the server writes no answer back.
    expect(socket.sent.filter(({ event }) => event === "signal")).toEqual([
      { event: "signal", args: [{ to: "ada", data: ownOffer }] },
    ]);
  });

  it("answers an offer that came while its join was in flight", async () => {
    const joined = session.join("jam", "Ada");
    // Bob joins a moment later; his arrival and his offer overtake Ada's answer.
    socket.serverSends("memberJoined", bob);
    socket.serverSends("signal", { from: "bob", data: offer });
    socket.answer("join", joinAnswer(ada));
    await joined;
    expect(peers).toHaveLength(1);
    expect(peers[0]!.options.initiator).toBe(false);
    expect(peers[0]!.signals).toEqual([offer]);
  });

  it("answers no offer from someone who is not a member of the room", async () => {
    await bobJoinsAda();
    socket.serverSends("signal", { from: "mallory", data: offer });
    expect(peers).toHaveLength(1);
    expect(peers[0]!.signals).toEqual([]);
    // An early offer from a stranger is not replayed either.
    const again = session.join("jam", "Bob");
    socket.serverSends("signal", { from: "mallory", data: offer });
    socket.answer("join", joinAnswer(bob, [ada]));
    await again;
    expect(peers.slice(1).every((peer) => peer.signals.length === 0)).toBe(true);
  });

  it("answers an offer that overtook the news of its sender joining", async () => {
    await bobJoinsAda();
    const cy = member("cy", 3, "Cy");
    socket.serverSends("signal", { from: "cy", data: offer });
    socket.serverSends("memberJoined", cy);
    const toCy = peers.find((peer) => peer.signals.length > 0);
    expect(toCy?.signals).toEqual([offer]);
    expect(toCy?.options.initiator).toBe(false);
  });

  it("joins again as the same member after a reconnect, keeping its peer connections", async () => {
    await bobJoinsAda();
    const toAda = peers[0]!;
    const rejoined = heard("rejoined");

    socket.reconnect("socket-2");
    const again = socket.next("join");
    expect(again.args[0]).toMatchObject({ room: "jam", name: "Bob", color: bob.color });
    again.answer(joinAnswer(bob, [ada]));
    await vi.waitFor(() => expect(rejoined).toEqual([bob]));
    expect(toAda.destroyed).toBe(false);
    expect(peers).toHaveLength(1);
  });

  it("says when a rejoin is refused, and tries again until it is taken back", async () => {
    await bobJoinsAda();
    const failed = heard("rejoinFailed");
    const rejoined = heard("rejoined");

    socket.reconnect("socket-2");
    const refusal = { code: "rate-limited", message: "Too many requests." };
    socket.answer("join", { ok: false, error: refusal });
    await vi.waitFor(() => expect(failed).toHaveLength(1));
    expect(failed[0]!.error).toMatchObject({ name: "RoomError", code: "rate-limited" });
    expect(failed[0]!.retryInMs).toBeGreaterThan(0);
    expect(() => socket.next("join")).toThrow(); // waits first

    await vi.advanceTimersByTimeAsync(failed[0]!.retryInMs);
    // No answer at all counts as a refusal too.
    socket.next("join").fail(new Error("operation has timed out"));
    await vi.waitFor(() => expect(failed).toHaveLength(2));
    expect(failed[1]!.error.code).toBe("internal");
    expect(failed[1]!.retryInMs).toBeGreaterThan(0);

    await vi.advanceTimersByTimeAsync(failed[1]!.retryInMs);
    socket.answer("join", joinAnswer(bob, [ada]));
    await vi.waitFor(() => expect(rejoined).toEqual([bob]));
    expect(failed).toHaveLength(2);
  });

  it("stops trying to rejoin once it leaves", async () => {
    await bobJoinsAda();
    const failed = heard("rejoinFailed");
    socket.reconnect("socket-2");
    socket.answer("join", { ok: false, error: { code: "room-locked", message: "Locked." } });
    await vi.waitFor(() => expect(failed).toHaveLength(1));
    void session.leave();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.requests.filter((request) => request.event === "join")).toEqual([]);
  });

  it("drops a connection the server's pings stopped coming over, and not one they come over", async () => {
    await bobJoinsAda();
    const ping = (nextInMs: number) =>
      socket.serverSends("clockPing", { latency: {}, serverTime: 0, nextInMs }, () => {});
    ping(16_000);
    await vi.advanceTimersByTimeAsync(16_000);
    ping(16_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket.io.engine.closed).toBe(0);
    // Silent past the next ping's time and the ping timeout: the network is gone.
    await vi.advanceTimersByTimeAsync(1_100);
    expect(socket.io.engine.closed).toBe(1);

    // Once the connection is down, silence is expected: nothing more is dropped.
    ping(2000);
    socket.connected = false;
    socket.serverSends("disconnect", "transport close");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.io.engine.closed).toBe(1);
  });
});
