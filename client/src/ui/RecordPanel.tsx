import { RECORDING_LIMITS, type RecordingTrack } from "@nicepiano/protocol";
import { createSignal, Show } from "solid-js";
import type { RecordingsState } from "./createRecordings";

/** "Ada, Bob and Cy" for a room take's players. */
export const playerNames = (tracks: readonly RecordingTrack[]) => {
  const names = tracks.map((track) => track.name);
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
};

export const formatDuration = (ms: number) => {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/** The record button, the elapsed time, and naming the take once it stops. */
export function RecordPanel(props: { recordings: RecordingsState; signedIn: boolean }) {
  const [name, setName] = createSignal("");
  const r = props.recordings;
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    r.save(name().trim() || `Take ${new Date().toLocaleString()}`);
    setName("");
  };

  return (
    <section class="panel record">
      <h2>Record</h2>
      <Show
        when={props.signedIn}
        fallback={<p class="hint">Sign in to record your playing and keep it.</p>}
      >
        <Show
          when={r.take()}
          fallback={
            <>
              <fieldset class="record-scope" disabled={r.recording()}>
                <legend>Record</legend>
                <label>
                  <input
                    type="radio"
                    name="record-scope"
                    checked={r.scope() === "me"}
                    onChange={() => r.setScope("me")}
                  />
                  Just me
                </label>
                <label title="Every player on their own track, on the room's clock">
                  <input
                    type="radio"
                    name="record-scope"
                    checked={r.scope() === "room"}
                    onChange={() => r.setScope("room")}
                  />
                  The whole room
                </label>
              </fieldset>
              <button
                class={r.recording() ? "recording" : "primary"}
                onClick={() => (r.recording() ? r.stop() : r.start())}
                aria-pressed={r.recording()}
              >
                {r.recording() ? `■ Stop ${formatDuration(r.elapsedMs())}` : "● Record"}
              </button>
              <Show when={r.recording() && r.scope() === "room"}>
                <p class="hint" role="status">
                  Recording the room: {r.players()} {r.players() === 1 ? "player" : "players"} heard
                  so far.
                </p>
              </Show>
            </>
          }
        >
          {(take) => (
            <form class="name-take" onSubmit={save}>
              <p>
                A take of {formatDuration(take().endTime - take().startTime)} (
                {take().events.length} events
                <Show when={take().tracks}>{(tracks) => <>, {playerNames(tracks())}</>}</Show>) is
                waiting to be saved.
              </p>
              <Show when={r.kept()}>
                <p class="hint">Kept safe in this browser until it is saved.</p>
              </Show>
              <input
                aria-label="Recording name"
                placeholder="Name this take"
                maxLength={RECORDING_LIMITS.nameLength}
                value={name()}
                onInput={(event) => setName(event.currentTarget.value)}
              />
              <div class="buttons">
                <button type="submit" class="primary">
                  Save
                </button>
                <button type="button" onClick={() => r.discard()}>
                  Discard
                </button>
              </div>
            </form>
          )}
        </Show>
      </Show>
      <Show when={r.notice()}>
        <p class="hint" role="status">
          {r.notice()}
        </p>
      </Show>
      <Show when={r.error()}>
        <p class="error" role="alert">
          {r.error()}
        </p>
      </Show>
    </section>
  );
}
