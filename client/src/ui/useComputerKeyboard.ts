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

/** Where Space is the control's own key (it presses a button, opens a summary). */
const CONTROLS =
  "button, a[href], summary, select, input[type=checkbox], input[type=radio], [role=button], [role=checkbox], [role=tab]";
/** Where keys type text: the piano keeps quiet. A focused checkbox or slider types none. */
const TEXT_FIELDS =
  "textarea, select, input:not([type=checkbox]):not([type=radio]):not([type=range]):not([type=button])";

/**
 * Plays the computer keyboard while no text field has the focus; Space is the pedal
 * unless a control has the focus, and Escape lets go of everything (`onEscape`). Returns
 * the octave shift.
 */
export function useComputerKeyboard(
  play: (event: InputEvent) => void,
  onAnyKey: () => void,
  onEscape: () => void = () => {},
) {
  const [octave, setOctave] = createSignal(0);
  const sounding = new Map<string, number>(); // key code -> the note it started
  /** Space put the pedal down (and not a control's press). */
  let pedalByKey = false;

  const typing = (event: KeyboardEvent) =>
    event.target instanceof HTMLElement && event.target.closest(TEXT_FIELDS) !== null;

  const onControl = (event: KeyboardEvent) =>
    event.target instanceof HTMLElement && event.target.closest(CONTROLS) !== null;

  const onKeyDown = (event: KeyboardEvent) => {
    onAnyKey();
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.code === "Escape") return onEscape();
    if (event.code === SUSTAIN_KEY && onControl(event)) return;
    if (event.code === SUSTAIN_KEY) event.preventDefault(); // no page scroll
    if (event.repeat) return;
    if (event.code === OCTAVE_DOWN_KEY) setOctave((o) => shiftOctave(o, -1));
    else if (event.code === OCTAVE_UP_KEY) setOctave((o) => shiftOctave(o, 1));
    else if (event.code === SUSTAIN_KEY) {
      pedalByKey = true;
      play({ kind: "pedal", down: true, at: event.timeStamp });
    } else {
      const note = noteForKey(event.code, octave());
      if (note === null || sounding.has(event.code)) return;
      sounding.set(event.code, note);
      play({ kind: "noteOn", note, velocity: DEFAULT_VELOCITY, at: event.timeStamp });
    }
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (event.code === SUSTAIN_KEY && pedalByKey) {
      pedalByKey = false;
      play({ kind: "pedal", down: false, at: event.timeStamp });
    }
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
