import type { Member, PeerId } from "@nicepiano/protocol";
import { For, Match, Show, Switch } from "solid-js";
import { ALL_DEVICES, type MidiStatus } from "../midi/midiInputs";
import { NO_OUTPUT, type MidiOutState } from "./createMidiOut";

export interface MidiPanelProps {
  status: MidiStatus;
  selected: string;
  onSelect: (deviceId: string) => void;
  /** Where the room is sent out, and whose playing. */
  out: MidiOutState;
  /** Everyone in the room, the local player first. */
  players: Member[];
  selfId: PeerId | undefined;
}

/** The MIDI keyboard picker and where the room is sent out, or why there is no MIDI. */
export function MidiPanel(props: MidiPanelProps) {
  return (
    <section class="panel midi">
      <h2>MIDI</h2>
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
            const outputs = () => ready().outputs;
            return (
              <>
                <label class="midi-picker">
                  Keyboard
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
                </label>
                {devices().length === 0 && (
                  <p class="hint">No MIDI keyboard connected. Plug one in: it appears here.</p>
                )}
                <Show when={outputs().length > 0}>
                  <label class="midi-picker">
                    Send the room to
                    <select
                      aria-label="MIDI output device"
                      value={props.out.output()}
                      onChange={(event) => props.out.select(event.currentTarget.value)}
                    >
                      <option value={NO_OUTPUT}>Nowhere</option>
                      <For each={outputs()}>
                        {(device) => <option value={device.id}>{device.name}</option>}
                      </For>
                    </select>
                  </label>
                  <Show when={props.out.output() !== NO_OUTPUT}>
                    <fieldset class="midi-players">
                      <legend>Players sent</legend>
                      <For each={props.players}>
                        {(player) => (
                          <label style={{ "--player": player.color }}>
                            <input
                              type="checkbox"
                              checked={props.out.sends(player.id)}
                              onChange={(event) =>
                                props.out.send(player.id, event.currentTarget.checked)
                              }
                            />
                            {player.id === props.selfId ? `${player.name} (you)` : player.name}
                          </label>
                        )}
                      </For>
                    </fieldset>
                  </Show>
                </Show>
              </>
            );
          }}
        </Match>
      </Switch>
    </section>
  );
}
