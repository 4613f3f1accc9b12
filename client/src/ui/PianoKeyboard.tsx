import type { MidiNote, PlayerColor, Velocity } from "@nicepiano/protocol";
import { For, Show } from "solid-js";
import { isBlackKey, PIANO_NOTES, WHITE_KEYS, whiteKeysBelow } from "./keyLayout";

/** Softest and loudest velocity from the top to the bottom of a key. */
const MIN_VELOCITY = 30;
const MAX_VELOCITY = 127;

export interface PianoKeyboardProps {
  /** The colour of whoever holds each key, if anyone. */
  litColor: (note: MidiNote) => PlayerColor | undefined;
  /** What a key shows on it, if anything. */
  labelOf: (note: MidiNote) => string | undefined;
  onNoteOn: (note: MidiNote, velocity: Velocity) => void;
  onNoteOff: (note: MidiNote) => void;
}

/**
 * 88 keys for mouse, pen and touch. Where a key is struck sets the velocity (softer near
 * the top); sliding across keys with the button held plays a glissando.
 */
export function PianoKeyboard(props: PianoKeyboardProps) {
  const held = new Map<number, MidiNote>(); // pointer id -> note

  const noteAt = (event: PointerEvent): { note: MidiNote; velocity: Velocity } | null => {
    // Touch pointers are captured by the element they started on: find the key under them.
    const element = document.elementFromPoint(event.clientX, event.clientY);
    const key = element instanceof HTMLElement ? element.closest<HTMLElement>("[data-note]") : null;
    if (!key) return null;
    const box = key.getBoundingClientRect();
    const depth = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    return {
      note: Number(key.dataset.note),
      velocity: Math.round(MIN_VELOCITY + (MAX_VELOCITY - MIN_VELOCITY) * depth),
    };
  };
  const release = (pointer: number) => {
    const note = held.get(pointer);
    if (note === undefined) return;
    held.delete(pointer);
    props.onNoteOff(note);
  };
  const press = (event: PointerEvent) => {
    const hit = noteAt(event);
    if (!hit || held.get(event.pointerId) === hit.note) return;
    release(event.pointerId);
    held.set(event.pointerId, hit.note);
    props.onNoteOn(hit.note, hit.velocity);
  };

  return (
    <div
      class="keyboard"
      role="group"
      aria-label="Piano keyboard"
      onPointerDown={(event) => {
        event.preventDefault();
        event.target.releasePointerCapture?.(event.pointerId);
        press(event);
      }}
      onPointerMove={(event) => {
        if (held.has(event.pointerId)) press(event);
      }}
      onPointerUp={(event) => release(event.pointerId)}
      onPointerCancel={(event) => release(event.pointerId)}
      onPointerLeave={(event) => release(event.pointerId)}
    >
      <For each={PIANO_NOTES}>
        {(note) => {
          const black = isBlackKey(note);
          const left = `${(whiteKeysBelow(note) / WHITE_KEYS) * 100}%`;
          const style = () => ({
            ...(black ? { left } : {}),
            ...(props.litColor(note) ? { "background-color": props.litColor(note) } : {}),
          });
          return (
            <div
              class={black ? "key black" : "key white"}
              data-note={note}
              data-lit={props.litColor(note) ? "true" : undefined}
              style={style()}
            >
              <Show when={props.labelOf(note)}>
                {(label) => <span class="label">{label()}</span>}
              </Show>
            </div>
          );
        }}
      </For>
    </div>
  );
}
