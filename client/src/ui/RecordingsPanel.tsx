import { For, Show } from "solid-js";
import type { RecordingsState } from "./createRecordings";
import { formatDuration, playerNames } from "./RecordPanel";

/** The player's saved recordings: rename, delete, download as MIDI, import MIDI. */
export function RecordingsPanel(props: {
  recordings: RecordingsState;
  /** Plays a recording into the room (once, or looped until stopped). */
  onPlay: (id: string, loop: boolean) => void;
}) {
  const r = props.recordings;
  return (
    <section class="panel recordings">
      <h2>My recordings</h2>
      <Show when={r.list().length > 0} fallback={<p class="hint">Nothing saved yet.</p>}>
        <ul aria-label="My recordings">
          <For each={r.list()}>
            {(recording) => (
              <li data-recording={recording.id}>
                <span class="name">{recording.name}</span>
                <span class="meta">
                  {new Date(recording.startTime).toLocaleDateString()} ·{" "}
                  {formatDuration(recording.endTime - recording.startTime)}
                  <Show when={recording.tracks}>{(tracks) => <> · {playerNames(tracks())}</>}</Show>
                </span>
                <span class="actions">
                  <button
                    title="Play into the room, for everyone"
                    onClick={() => props.onPlay(recording.id, false)}
                  >
                    ▶ Play
                  </button>
                  <button
                    title="Play into the room on a loop"
                    onClick={() => props.onPlay(recording.id, true)}
                  >
                    ⟳ Loop
                  </button>
                  <button
                    title="Rename"
                    onClick={() => {
                      const name = prompt("New name", recording.name);
                      if (name?.trim()) void r.rename(recording.id, name.trim());
                    }}
                  >
                    Rename
                  </button>
                  <button
                    title="Download as a MIDI file"
                    onClick={() => void r.download(recording.id)}
                  >
                    .mid
                  </button>
                  <button
                    title="Delete"
                    onClick={() => {
                      if (confirm(`Delete "${recording.name}"? This cannot be undone.`)) {
                        void r.remove(recording.id);
                      }
                    }}
                  >
                    Delete
                  </button>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <label class="import">
        Import a MIDI file
        <input
          type="file"
          accept=".mid,.midi,audio/midi"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void r.importFile(file);
            event.currentTarget.value = "";
          }}
        />
      </label>
    </section>
  );
}
