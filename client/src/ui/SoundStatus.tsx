import { Show } from "solid-js";
import { FIRST_SAMPLES } from "../audio/piano/loadPlan";
import type { PianoProgress } from "../audio/piano/sampleLoader";

export interface SoundStatusProps {
  /** What has loaded so far; undefined before the loading starts. */
  progress: PianoProgress | undefined;
  loadError: string | undefined;
  audioRunning: boolean;
}

const QUALITY_NAMES = { light: "Light", standard: "Standard", concert: "Concert" } as const;

/**
 * The sample-loading bar and the "turn on sound" hint, while either is needed. Until the
 * piano plays, the bar counts the first samples; then it counts the layers still coming.
 */
export function SoundStatus(props: SoundStatusProps) {
  const loading = () =>
    !props.loadError && (props.progress?.loaded ?? 0) < (props.progress?.total ?? 1);
  const playable = () => props.progress?.playable ?? false;
  const percent = () => {
    const progress = props.progress;
    if (!progress) return 0;
    const [done, of] = playable()
      ? [progress.loaded, progress.total]
      : [progress.firstLoaded, FIRST_SAMPLES];
    return Math.min(100, Math.round((done / of) * 100));
  };
  const label = () => {
    const progress = props.progress;
    if (!progress || !playable()) return `Loading the piano… ${percent()}%`;
    const quality = QUALITY_NAMES[progress.quality];
    if (!loading()) return `The piano is ready: ${quality}`;
    return `Playable. Adding layers for ${quality}: ${progress.layersComplete} of ${progress.layersWanted}`;
  };
  return (
    <div class="sound-status">
      <Show when={props.loadError}>
        <p class="error" role="alert">
          {props.loadError}
        </p>
      </Show>
      {/*
        One element whatever the state, so the page below never moves as the piano loads
        (and the browser's largest paint is not put off to the last file's arrival).
      */}
      <Show when={!props.loadError}>
        <div
          class="loading"
          classList={{ playable: playable(), done: !loading() }}
          role={loading() ? "progressbar" : "status"}
          aria-valuemin={loading() ? "0" : undefined}
          aria-valuemax={loading() ? "100" : undefined}
          aria-valuenow={loading() ? percent() : undefined}
          aria-label={
            !loading()
              ? "Piano samples"
              : playable()
                ? "Loading more of the piano"
                : "Loading piano samples"
          }
          data-playable={playable() && loading() ? "true" : undefined}
        >
          <div class="bar" style={{ width: `${loading() ? percent() : 0}%` }} />
          <span>{label()}</span>
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
