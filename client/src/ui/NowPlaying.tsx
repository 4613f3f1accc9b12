import type { Member, Playback } from "@nicepiano/protocol";
import { For, Show } from "solid-js";

export interface NowPlayingProps {
  playing: Playback[];
  /** Everyone in the room, to name who started each playback. */
  everyone: Member[];
  error: string | undefined;
  onStop: (playbackId: string) => void;
}

/** Recordings playing in the room, who started them, and a stop for everyone. */
export function NowPlaying(props: NowPlayingProps) {
  const starter = (playback: Playback) =>
    props.everyone.find((member) => member.id === playback.by);
  return (
    <Show when={props.playing.length > 0 || props.error}>
      <section class="panel now-playing">
        <h2>Now playing</h2>
        <ul aria-label="Now playing">
          <For each={props.playing}>
            {(playback) => (
              <li data-playback={playback.id}>
                <span
                  class="dot"
                  style={{ "background-color": starter(playback)?.color ?? "#888" }}
                />
                <span class="name">
                  {playback.recordingName}
                  {playback.loop ? " ⟳" : ""}
                </span>
                <span class="meta">by {starter(playback)?.name ?? "someone who left"}</span>
                <button onClick={() => props.onStop(playback.id)}>■ Stop</button>
              </li>
            )}
          </For>
        </ul>
        <Show when={props.error}>
          <p class="error" role="alert">
            {props.error}
          </p>
        </Show>
      </section>
    </Show>
  );
}
