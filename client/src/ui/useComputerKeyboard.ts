import { createSignal, onCleanup } from "solid-js";
import {
  noteForKey,
  OCTAVE_DOWN_KEY,
  OCTAVE_UP_KEY,
  shiftOctave,
  SUSTAIN_KEY,
} from "../input/computerKeyboard";
import type { InputEvent } from "../input/inputEvent";

const DEFAULT_VELOCITY = 90;

/** Plays the computer keyboard while no text field has the focus. Returns the octave shift. */
export function useComputerKeyboard(play: (event: InputEvent) => void, onAnyKey: () => void) {
  const [octave, setOctave] = createSignal(0);
  const sounding = new Map<string, number>(); // key code -> the note it started

  const typing = (event: KeyboardEvent) =>
    event.target instanceof HTMLElement && event.target.closest("input, textarea, select") !== null;

  const onKeyDown = (event: KeyboardEvent) => {
    onAnyKey();
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.code === SUSTAIN_KEY) event.preventDefault(); // no page scroll
    if (event.repeat) return;
    if (event.code === OCTAVE_DOWN_KEY) setOctave((o) => shiftOctave(o, -1));
    else if (event.code === OCTAVE_UP_KEY) setOctave((o) => shiftOctave(o, 1));
    else if (event.code === SUSTAIN_KEY) play({ kind: "pedal", down: true, at: event.timeStamp });
    else {
      const note = noteForKey(event.code, octave());
      if (note === null || sounding.has(event.code)) return;
      sounding.set(event.code, note);
      play({ kind: "noteOn", note, velocity: DEFAULT_VELOCITY, at: event.timeStamp });
    }
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.code === SUSTAIN_KEY) play({ kind: "pedal", down: false, at: event.timeStamp });
    const note = sounding.get(event.code);
    if (note === undefined) return;
    sounding.delete(event.code);
    // The note the key started, even if the octave changed while it was held.
    play({ kind: "noteOff", note, velocity: 0, at: event.timeStamp });
  };
  // Switching windows swallows key-ups: let go of everything.
  const onBlur = () => {
    for (const note of sounding.values()) play({ kind: "noteOff", note, velocity: 0 });
    sounding.clear();
  };

  window.addEventListener("keydown", onKeyDown);
  window.addEventListener("keyup", onKeyUp);
  window.addEventListener("blur", onBlur);
  onCleanup(() => {
    window.removeEventListener("keydown", onKeyDown);
    window.removeEventListener("keyup", onKeyUp);
    window.removeEventListener("blur", onBlur);
  });
  return octave;
}
