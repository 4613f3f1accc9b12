import type { MidiNote, PlayerColor, Velocity } from "@nicepiano/protocol";
import { createEffect, createSignal, onCleanup, onMount, Show } from "solid-js";
import type { FallingNotes } from "./fallingNotes";
import { FallingNotesView } from "./FallingNotesView";
import { WHITE_KEYS, whiteKeysBelow } from "./keyLayout";
import { PianoKeyboard } from "./PianoKeyboard";
import { keyLabel, keySizeFor, type KeySize, type ViewSettings } from "./viewSettings";

const MIDDLE_C = 60;
const OCTAVE_WHITE_KEYS = 7;

export interface KeyboardStageProps {
  view: ViewSettings;
  onView: (change: Partial<ViewSettings>) => void;
  litColor: (note: MidiNote) => PlayerColor | undefined;
  sustained: boolean;
  /** Lets go of every note here (Escape does it too). */
  onLetGo: () => void;
  falling: FallingNotes;
  onNoteOn: (note: MidiNote, velocity: Velocity) => void;
  onNoteOff: (note: MidiNote) => void;
}

/**
 * The keys and the falling notes above them, at the bottom of the page. On a screen too
 * narrow for 88 keys a finger can hit, a window of them, moved an octave at a time or by
 * the position slider (the keys themselves only play); the view's own settings beside.
 */
export function KeyboardStage(props: KeyboardStageProps) {
  const touch = matchMedia("(pointer: coarse)").matches;
  const [width, setWidth] = createSignal(window.innerWidth);
  let viewport: HTMLDivElement | undefined;
  onMount(() => {
    if (!viewport) return;
    const observer = new ResizeObserver(() => setWidth(viewport?.clientWidth ?? 0));
    observer.observe(viewport);
    onCleanup(() => observer.disconnect());
  });
  const size = (): KeySize => keySizeFor(props.view.keySize, touch, width());
  const shownWhites = () => {
    const px = size();
    return px === "fit" ? WHITE_KEYS : Math.max(1, Math.floor(width() / px));
  };
  const lastStart = () => Math.max(0, WHITE_KEYS - shownWhites());
  // Middle C near the middle of the window, at first.
  const [start, setStart] = createSignal<number>();
  const firstWhite = () => {
    const wanted = start() ?? whiteKeysBelow(MIDDLE_C) - Math.floor(shownWhites() / 2) + 3;
    return Math.min(lastStart(), Math.max(0, wanted));
  };
  const move = (whites: number) => setStart(firstWhite() + whites);
  createEffect(() => {
    const px = size();
    if (viewport) viewport.scrollLeft = px === "fit" ? 0 : firstWhite() * px;
  });
  const windowed = () => lastStart() > 0;

  return (
    <div class="stage" data-key-size={String(size())}>
      <div class="stage-bar">
        <label class="check">
          <input
            type="checkbox"
            checked={props.view.fallingNotes}
            onChange={(event) => props.onView({ fallingNotes: event.currentTarget.checked })}
          />
          Falling notes
        </label>
        <span class="sustain" data-down={props.sustained ? "true" : undefined}>
          Sustain {props.sustained ? "down" : "up"}
        </span>
        <button
          class="let-go"
          title="Stuck notes? Let go of every key and the pedal here (Esc)"
          onClick={() => props.onLetGo()}
        >
          Let go of all notes
        </button>
        <Show when={windowed()}>
          <span class="key-nav">
            <button aria-label="Show lower keys" onClick={() => move(-OCTAVE_WHITE_KEYS)}>
              ◀
            </button>
            <input
              type="range"
              aria-label="Keyboard position"
              min={0}
              max={lastStart()}
              value={firstWhite()}
              onInput={(event) => setStart(Number(event.currentTarget.value))}
            />
            <button aria-label="Show higher keys" onClick={() => move(OCTAVE_WHITE_KEYS)}>
              ▶
            </button>
          </span>
        </Show>
        <details class="view-options">
          <summary>View</summary>
          <label>
            Key size
            <select
              aria-label="Key size"
              value={String(props.view.keySize ?? "auto")}
              onChange={(event) => {
                const value = event.currentTarget.value;
                props.onView({
                  keySize:
                    value === "auto"
                      ? undefined
                      : value === "fit"
                        ? "fit"
                        : (Number(value) as KeySize),
                });
              }}
            >
              <option value="auto">Auto</option>
              <option value="fit">All 88 keys</option>
              <option value="28">Small</option>
              <option value="44">Medium</option>
              <option value="60">Large</option>
            </select>
          </label>
          <label>
            Key labels
            <select
              aria-label="Key labels"
              value={props.view.labels}
              onChange={(event) =>
                props.onView({ labels: event.currentTarget.value as ViewSettings["labels"] })
              }
            >
              <option value="off">Off</option>
              <option value="letters">C D E</option>
              <option value="solfege">Do Re Mi</option>
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={props.view.hideOthers}
              onChange={(event) => props.onView({ hideOthers: event.currentTarget.checked })}
            />
            Hide what the others play (ear training)
          </label>
        </details>
      </div>
      <div class="keys-viewport" ref={(element) => (viewport = element)}>
        <div
          class="keys-inner"
          style={{ width: size() === "fit" ? "100%" : `${WHITE_KEYS * (size() as number)}px` }}
        >
          <Show when={props.view.fallingNotes}>
            <FallingNotesView notes={props.falling} />
          </Show>
          <PianoKeyboard
            litColor={props.litColor}
            labelOf={(note) => keyLabel(note, props.view.labels)}
            onNoteOn={props.onNoteOn}
            onNoteOff={props.onNoteOff}
          />
        </div>
      </div>
    </div>
  );
}
