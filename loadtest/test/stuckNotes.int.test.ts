import { PeerMessageType, type MidiNote } from "@nicepiano/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { RemotePlayers } from "@nicepiano/client/room";
import { SharedPiano } from "../../client/src/audio/sharedPiano";
import type { PianoOutput } from "../../client/src/audio/pianoOutput";
import { startTestServer, type TestServer } from "../../signaling/test/support/testServer";
import {
  startVirtualMusician,
  whenConnectedTo,
  type VirtualMusician,
} from "../src/virtualMusician";

/** A sound engine that only remembers what sounds. */
class HeldKeys implements PianoOutput {
  readonly held = new Set<MidiNote>();
  pedal = false;
  keyDown(note: MidiNote) {
    this.held.add(note);
  }
  keyUp(note: MidiNote) {
    this.held.delete(note);
  }
  pedalDown() {
    this.pedal = true;
  }
  pedalUp() {
    this.pedal = false;
  }
}

describe("no stuck notes (real WebRTC in Node)", () => {
  let t: TestServer;
  const musicians: VirtualMusician[] = [];
  afterEach(async () => {
    for (const musician of musicians.splice(0)) musician.close();
    await t.close();
  });

  it("lets go of a chord and the pedal when the player holding them vanishes mid-chord", async () => {
    // The server would wait a minute before saying Ada left: what releases her notes
    // here is her channel closing.
    t = await startTestServer({ resumeGraceMs: 60_000 });
    const ada = await startVirtualMusician(t.url, "chord", "Ada");
    const bob = await startVirtualMusician(t.url, "chord", "Bob");
    musicians.push(ada, bob);
    await Promise.all([whenConnectedTo(ada, 1), whenConnectedTo(bob, 1)]);
    const output = new HeldKeys();
    const remote = new RemotePlayers(bob.session, new SharedPiano(output));

    for (const note of [60, 64, 67]) {
      ada.session.send({ type: PeerMessageType.NoteOn, note, velocity: 90, t: performance.now() });
    }
    ada.session.send({ type: PeerMessageType.Pedal, down: true, t: performance.now() });
    await expect.poll(() => [...output.held].sort()).toEqual([60, 64, 67]);
    expect(output.pedal).toBe(true);

    // Ada's page dies: its connections close, with no goodbye to the server or to Bob.
    ada.socket.io.reconnection(false);
    ada.socket.io.engine.close();
    ada.session.destroy();

    await expect.poll(() => output.held.size, { timeout: 5000 }).toBe(0);
    expect(output.pedal).toBe(false);
    expect(bob.session.members.has(ada.answer.self.id)).toBe(true);
    remote.destroy();
  });
});
