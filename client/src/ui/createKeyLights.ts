import { PeerMessageType, type MidiNote, type PeerId, type PlayerColor } from "@nicepiano/protocol";
import { createSignal, onCleanup } from "solid-js";
import { createStore } from "solid-js/store";
import type { KeysChanged, Played, SharedPiano } from "../audio/sharedPiano";
import { FallingNotes } from "./fallingNotes";
import { OnTime } from "./onTime";

/**
 * What the piano shows as it sounds, as Solid state: each key lit in its player's colour,
 * the sustain pedal, and the falling notes; each at the moment it is heard, not sent.
 * Players `shows` leaves out sound without showing (ear training).
 */
export function createKeyLights(
  piano: SharedPiano,
  colorOf: (player: PeerId) => PlayerColor,
  /** Whether `player`'s playing shows here (it always sounds). */
  shows: (player: PeerId) => boolean = () => true,
) {
  const [lit, setLit] = createStore<Record<MidiNote, PlayerColor | undefined>>({});
  /** The piano's sustain pedal as it sounds here (anyone may hold it). */
  const [sustained, setSustained] = createSignal(false);
  const onTime = new OnTime<MidiNote | "pedal">();
  const falling = new FallingNotes();

  // Keys light in the colour they had when handed over.
  const keys = ({ notes, inMs }: KeysChanged) => {
    for (const note of notes) {
      const holder = piano.holdersOf(note).filter(shows).at(-1);
      const color = holder === undefined ? undefined : colorOf(holder);
      onTime.at(note, inMs, () => setLit(note, color));
    }
  };
  const played = ({ player, message, inMs }: Played) => {
    const at = performance.now() + inMs;
    if (message.type === PeerMessageType.NoteOn) {
      if (!shows(player)) return;
      falling.press(player, message.note, colorOf(player), at);
    } else if (message.type === PeerMessageType.NoteOff) {
      falling.release(player, message.note, at);
    } else {
      const down = piano.pedalDown;
      onTime.at("pedal", inMs, () => setSustained(down));
    }
  };
  piano.events.on("keys", keys);
  piano.events.on("played", played);
  onCleanup(() => {
    piano.events.off("keys", keys);
    piano.events.off("played", played);
    onTime.clear();
  });

  return {
    litColor: (note: MidiNote) => lit[note],
    sustained,
    /** What everyone played in the last seconds, for the falling-notes view. */
    falling,
  };
}
