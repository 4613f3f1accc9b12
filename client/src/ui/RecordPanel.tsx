import { createSignal, Show } from "solid-js";
import type { RecordingsState } from "./createRecordings";

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
            <button
              class={r.recording() ? "recording" : "primary"}
              onClick={() => (r.recording() ? r.stop() : r.start())}
              aria-pressed={r.recording()}
            >
              {r.recording() ? `■ Stop ${formatDuration(r.elapsedMs())}` : "● Record"}
            </button>
          }
        >
          {(take) => (
            <form class="name-take" onSubmit={save}>
              <p>
                A take of {formatDuration(take().endTime - take().startTime)} (
                {take().events.length} events) is waiting to be saved.
              </p>
              <Show when={r.kept()}>
                <p class="hint">Kept safe in this browser until it is saved.</p>
              </Show>
              <input
                aria-label="Recording name"
                placeholder="Name this take"
                maxLength={100}
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
