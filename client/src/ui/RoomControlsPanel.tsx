import { LIMITS, METRONOME_LIMITS } from "@nicepiano/protocol";
import { createSignal, Show } from "solid-js";
import type { RoomControls } from "./createRoomControls";

const BEATS_PER_BAR = [2, 3, 4, 5, 6, 7, 9, 12];

/**
 * The metronome (everyone sees it and may mute its clicks; the owner sets it) and the
 * owner's controls for the whole room: lock, and how many may play.
 */
export function RoomControlsPanel(props: { controls: RoomControls }) {
  const c = () => props.controls;
  /** The owner's notice as they type it: no news of the room overwrites it meanwhile. */
  const [noticeDraft, setNoticeDraft] = createSignal<string>();
  const [limitDraft, setLimitDraft] = createSignal<string>();
  const metronome = () => c().settings()?.metronome;
  const running = () => metronome()?.startAt != null;
  const setMetronome = (change: { bpm?: number; beatsPerBar?: number; running?: boolean }) => {
    const now = metronome();
    if (!now) return;
    void c().control({
      type: "metronome",
      bpm: change.bpm ?? now.bpm,
      beatsPerBar: change.beatsPerBar ?? now.beatsPerBar,
      running: change.running ?? running(),
    });
  };

  return (
    <section class="panel controls" aria-label="Room controls">
      <h2>Metronome</h2>
      <Show when={metronome()}>
        {(m) => (
          <div class="metronome">
            <span
              class="beat-light"
              classList={{ on: c().beatLit(), downbeat: !!c().beat()?.downbeat }}
              data-beat={c().beat()?.index ?? ""}
              aria-hidden="true"
            />
            <Show
              when={c().isOwner()}
              fallback={
                <span class="tempo">
                  {m().bpm} bpm, {m().beatsPerBar} a bar · {running() ? "on" : "off"}
                </span>
              }
            >
              <label>
                Tempo
                <input
                  type="number"
                  min={METRONOME_LIMITS.minBpm}
                  max={METRONOME_LIMITS.maxBpm}
                  value={m().bpm}
                  aria-label="Tempo (beats per minute)"
                  onChange={(event) => setMetronome({ bpm: Number(event.currentTarget.value) })}
                />
              </label>
              <label>
                Beats a bar
                <select
                  value={m().beatsPerBar}
                  aria-label="Beats a bar"
                  onChange={(event) =>
                    setMetronome({ beatsPerBar: Number(event.currentTarget.value) })
                  }
                >
                  {BEATS_PER_BAR.map((n) => (
                    <option value={n}>{n}</option>
                  ))}
                </select>
              </label>
              <button onClick={() => setMetronome({ running: !running() })}>
                {running() ? "Stop metronome" : "Start metronome"}
              </button>
            </Show>
            <label class="check">
              <input
                type="checkbox"
                checked={c().clicksMuted()}
                onChange={(event) => c().muteClicks(event.currentTarget.checked)}
              />
              Mute clicks here
            </label>
          </div>
        )}
      </Show>
      <Show when={c().isOwner() && c().settings()}>
        {(settings) => (
          <div class="owner">
            <h2>You run this room</h2>
            <label class="check">
              <input
                type="checkbox"
                checked={settings().locked}
                onChange={(event) =>
                  void c().control({ type: "lock", locked: event.currentTarget.checked })
                }
              />
              Lock the room (nobody new may join)
            </label>
            <label class="check">
              <input
                type="checkbox"
                checked={settings().listed}
                onChange={(event) =>
                  void c().control({ type: "listed", listed: event.currentTarget.checked })
                }
              />
              Public: list the room on the front page for anyone to join
            </label>
            <form
              class="notice-form"
              onSubmit={(event) => {
                event.preventDefault();
                const text = (noticeDraft() ?? settings().notice).trim();
                void c()
                  .control({ type: "notice", text })
                  .then(() => setNoticeDraft(undefined));
              }}
            >
              <label>
                Notice
                <input
                  name="notice"
                  value={noticeDraft() ?? settings().notice}
                  onInput={(event) => setNoticeDraft(event.currentTarget.value)}
                  maxLength={LIMITS.noticeLength}
                  aria-label="Room notice (everyone sees it)"
                  placeholder="Shown to everyone in the room"
                />
              </label>
              <button type="submit">Set notice</button>
            </form>
            <button onClick={() => void c().control({ type: "panic" })}>
              Let go of every note in the room
            </button>
            <label>
              Players at most
              <input
                type="number"
                min={1}
                max={LIMITS.largestRoom}
                value={limitDraft() ?? settings().performerLimit}
                aria-label="Players at most"
                onInput={(event) => setLimitDraft(event.currentTarget.value)}
                onChange={(event) =>
                  void c()
                    .control({ type: "performerLimit", limit: Number(event.currentTarget.value) })
                    .then(() => setLimitDraft(undefined))
                }
              />
            </label>
          </div>
        )}
      </Show>
      <Show when={!c().isOwner() && c().settings()?.listed}>
        <p class="hint">This room is public: it is listed on the front page.</p>
      </Show>
      <Show when={!c().isOwner() && c().settings()?.locked}>
        <p class="hint">The room is locked: nobody new may join.</p>
      </Show>
      <Show when={c().controlError()}>
        <p class="error" role="alert">
          {c().controlError()}
        </p>
      </Show>
    </section>
  );
}
