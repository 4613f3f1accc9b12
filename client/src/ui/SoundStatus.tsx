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
  return (
    <div class="sound-status">
      <Show when={props.loadError}>
        <p class="error" role="alert">
          {props.loadError}
        </p>
      </Show>
      <Show when={loading()}>
        <div
          class="loading"
          classList={{ playable: playable() }}
          role="progressbar"
          aria-valuemin="0"
          aria-valuemax="100"
          aria-valuenow={percent()}
          aria-label={playable() ? "Loading more of the piano" : "Loading piano samples"}
          data-playable={playable() ? "true" : undefined}
        >
          <div class="bar" style={{ width: `${percent()}%` }} />
          <span>
            {playable()
              ? `Playable. Adding layers for ${QUALITY_NAMES[props.progress!.quality]}: ${props.progress!.layersComplete} of ${props.progress!.layersWanted}`
              : `Loading the piano… ${percent()}%`}
          </span>
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
