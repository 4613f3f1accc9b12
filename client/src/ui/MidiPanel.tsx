import { For, Match, Switch } from "solid-js";
import { ALL_DEVICES, type MidiStatus } from "../midi/midiInputs";

export interface MidiPanelProps {
  status: MidiStatus;
  selected: string;
  onSelect: (deviceId: string) => void;
}

/** The MIDI device picker, or why there is none. */
export function MidiPanel(props: MidiPanelProps) {
  return (
    <section class="panel midi">
      <h2>MIDI keyboard</h2>
      <Switch>
        <Match when={props.status.state === "pending"}>
          <p class="hint">Asking the browser for MIDI access…</p>
        </Match>
        <Match when={props.status.state === "unsupported" || props.status.state === "denied"}>
          <p class="warning" role="status">
            {"message" in props.status ? props.status.message : ""}
          </p>
        </Match>
        <Match when={props.status.state === "ready" && props.status}>
          {(ready) => {
            const devices = () => ready().devices;
            return (
              <>
                <select
                  aria-label="MIDI input device"
                  value={props.selected}
                  onChange={(event) => props.onSelect(event.currentTarget.value)}
                >
                  <option value={ALL_DEVICES}>All devices ({devices().length})</option>
                  <For each={devices()}>
                    {(device) => <option value={device.id}>{device.name}</option>}
                  </For>
                </select>
                {devices().length === 0 && (
                  <p class="hint">No MIDI keyboard connected. Plug one in: it appears here.</p>
                )}
              </>
            );
          }}
        </Match>
      </Switch>
    </section>
  );
}
