import type { Member, PeerId } from "@nicepiano/protocol";
import { createSignal, onCleanup } from "solid-js";
import type { SharedPiano } from "../audio/sharedPiano";
import type { MidiInputs } from "../midi/midiInputs";
import { RoomMidiOut } from "../midi/roomMidiOut";

/** The MIDI output picker's "send nowhere". */
export const NO_OUTPUT = "none";

/**
 * Sending the room to a MIDI output, as Solid state: which output (none at first), and
 * whose playing goes there (everyone but the local player at first: a digital piano one
 * plays on already sounds one's own notes).
 */
export function createMidiOut(
  midi: MidiInputs,
  piano: SharedPiano,
  memberOf: (player: PeerId) => PeerId | undefined,
) {
  const out = new RoomMidiOut(memberOf);
  piano.events.on("played", (played) => out.play(played));
  const [output, setOutput] = createSignal(NO_OUTPUT);
  const [leftOut, setLeftOut] = createSignal<ReadonlySet<PeerId>>(new Set());
  let selfKnown = false;
  const leaveOut = (members: ReadonlySet<PeerId>) => {
    setLeftOut(members);
    out.leaveOut(members);
  };
  midi.events.on("status", () => {
    // The output was unplugged: stop sending to it.
    if (output() !== NO_OUTPUT && !midi.output(output())) {
      out.setPort(undefined);
      setOutput(NO_OUTPUT);
    }
  });
  onCleanup(() => out.destroy());

  return {
    /** The local player joined as `self`: left out, the first time. */
    joinedAs: (self: Member) => {
      if (!selfKnown) leaveOut(new Set([self.id]));
      selfKnown = true;
    },
    /** The output the room is sent to (`NO_OUTPUT`: none). */
    output,
    select: (id: string) => {
      const port = midi.output(id);
      out.setPort(port);
      setOutput(port ? id : NO_OUTPUT);
    },
    /** Whether `member`'s playing goes to the output. */
    sends: (member: PeerId) => !leftOut().has(member),
    send: (member: PeerId, send: boolean) => {
      const next = new Set(leftOut());
      if (send) next.delete(member);
      else next.add(member);
      leaveOut(next);
    },
  };
}

export type MidiOutState = ReturnType<typeof createMidiOut>;
