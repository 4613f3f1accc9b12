import { onCleanup, onMount } from "solid-js";
import type { FallingNotes } from "./fallingNotes";

/**
 * The falling notes above the keyboard, drawn on a canvas each frame (nothing is drawn
 * while nothing is in view). Bars line up with the keys below them.
 */
export function FallingNotesView(props: { notes: FallingNotes }) {
  let canvas: HTMLCanvasElement | undefined;
  let frame = 0;
  let drewSomething = false;

  const draw = () => {
    frame = requestAnimationFrame(draw);
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const shown = props.notes.visible(performance.now());
    if (shown.length === 0 && !drewSomething) return;
    // The canvas follows its box, in device pixels, so bars stay sharp.
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * ratio);
    const height = Math.round(canvas.clientHeight * ratio);
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    context.clearRect(0, 0, width, height);
    for (const { bar, box } of shown) {
      const x = box.left * width + ratio;
      const y = box.top * height;
      context.fillStyle = bar.color;
      context.beginPath();
      context.roundRect(
        x,
        y,
        Math.max(1, box.width * width - 2 * ratio),
        Math.max(ratio, (box.bottom - box.top) * height),
        3 * ratio,
      );
      context.fill();
    }
    drewSomething = shown.length > 0;
  };

  onMount(() => (frame = requestAnimationFrame(draw)));
  onCleanup(() => cancelAnimationFrame(frame));

  return (
    <canvas
      ref={(element) => (canvas = element)}
      class="falling-notes"
      role="img"
      aria-label="Falling notes: what everyone plays, in their colours"
    />
  );
}
