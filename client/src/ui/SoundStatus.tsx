import { Show } from "solid-js";

export interface SoundStatusProps {
  /** Samples loaded so far, 0–1. */
  progress: number;
  loadError: string | undefined;
  audioRunning: boolean;
}

/** The sample-loading bar and the "turn on sound" hint, while either is needed. */
export function SoundStatus(props: SoundStatusProps) {
  return (
    <div class="sound-status">
      <Show when={props.loadError}>
        <p class="error" role="alert">
          {props.loadError}
        </p>
      </Show>
      <Show when={!props.loadError && props.progress < 1}>
        <div
          class="loading"
          role="progressbar"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow={Math.round(props.progress * 100)}
          aria-label="Loading piano samples"
        >
          <div class="bar" style={{ width: `${props.progress * 100}%` }} />
          <span>Loading the piano… {Math.round(props.progress * 100)}%</span>
        </div>
      </Show>
      <Show when={!props.audioRunning}>
        <p class="unlock" role="status">
          🔇 Click anywhere or press a key to turn on the sound.
        </p>
      </Show>
    </div>
  );
}
