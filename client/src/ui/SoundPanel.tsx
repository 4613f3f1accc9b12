import { For, onCleanup, onMount, createSignal } from "solid-js";
import type { PianoQuality } from "../audio/piano/pianoQuality";
import type { AudioLatency } from "../audio/pianoEngine";
import type { SoundSettings } from "../audio/soundSettings";

export interface SoundPanelProps {
  settings: SoundSettings;
  /** The quality in use (the device's default until one is chosen). */
  quality: PianoQuality;
  onChange: (changes: Partial<SoundSettings>) => void;
  /** The output's level now (dBFS). */
  level: () => number;
  latency: () => AudioLatency;
}

const QUALITIES: { value: PianoQuality; label: string }[] = [
  { value: "light", label: "Light: 2 layers, 8 MB" },
  { value: "standard", label: "Standard: 8 layers, 32 MB" },
  { value: "concert", label: "Concert: 16 layers, releases, harmonics, 66 MB" },
];
const REVERBS = [
  { value: "off", label: "Off (dry)" },
  { value: "room", label: "Small room" },
  { value: "hall", label: "Hall" },
] as const;
const CURVES = [
  { value: "soft", label: "Soft (heavy keyboard)" },
  { value: "normal", label: "Normal" },
  { value: "hard", label: "Hard (light keyboard)" },
  { value: "fixed", label: "Fixed" },
] as const;
const TRANSPOSES = Array.from({ length: 25 }, (_, i) => i - 12);
const OCTAVES = [-3, -2, -1, 0, 1, 2, 3];
/** The meter's floor (dBFS): quieter shows as empty. */
const METER_FLOOR = -60;

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * How this listener hears the piano (only here: the others hear their own settings), how
 * its MIDI keyboard plays, and what this machine's audio adds to every note.
 */
export function SoundPanel(props: SoundPanelProps) {
  const [level, setLevel] = createSignal(METER_FLOOR);
  const [latency, setLatency] = createSignal(props.latency());
  onMount(() => {
    const timer = setInterval(() => {
      setLevel(Math.max(METER_FLOOR, props.level()));
      setLatency(props.latency());
    }, 100);
    onCleanup(() => clearInterval(timer));
  });
  const total = () => latency().baseMs + latency().outputMs + latency().schedulingMs;

  return (
    <section class="panel sound">
      <h2>Sound</h2>
      <label class="setting">
        Piano quality
        <select
          value={props.quality}
          onChange={(event) =>
            props.onChange({ quality: event.currentTarget.value as PianoQuality })
          }
        >
          <For each={QUALITIES}>{(q) => <option value={q.value}>{q.label}</option>}</For>
        </select>
      </label>
      <label class="setting">
        Volume
        <input
          type="range"
          min="0"
          max="100"
          value={Math.round(props.settings.volume * 100)}
          onInput={(event) => props.onChange({ volume: Number(event.currentTarget.value) / 100 })}
        />
      </label>
      <label class="setting">
        Output level
        <meter min={METER_FLOOR} max="0" low={-18} high={-6} optimum={-30} value={level()}>
          {Math.round(level())} dB
        </meter>
      </label>
      <label class="setting">
        Reverb
        <select
          value={props.settings.reverb}
          onChange={(event) =>
            props.onChange({ reverb: event.currentTarget.value as SoundSettings["reverb"] })
          }
        >
          <For each={REVERBS}>{(r) => <option value={r.value}>{r.label}</option>}</For>
        </select>
      </label>
      <fieldset class="midi-shaping">
        <legend>MIDI keyboard</legend>
        <label class="setting">
          Velocity curve
          <select
            value={props.settings.velocityCurve}
            onChange={(event) =>
              props.onChange({
                velocityCurve: event.currentTarget.value as SoundSettings["velocityCurve"],
              })
            }
          >
            <For each={CURVES}>{(c) => <option value={c.value}>{c.label}</option>}</For>
          </select>
        </label>
        <label class="setting">
          Transpose
          <select
            value={props.settings.transpose}
            onChange={(event) => props.onChange({ transpose: Number(event.currentTarget.value) })}
          >
            <For each={TRANSPOSES}>{(n) => <option value={n}>{signed(n)} semitones</option>}</For>
          </select>
        </label>
        <label class="setting">
          Octave
          <select
            value={props.settings.octave}
            onChange={(event) => props.onChange({ octave: Number(event.currentTarget.value) })}
          >
            <For each={OCTAVES}>{(n) => <option value={n}>{signed(n)}</option>}</For>
          </select>
        </label>
      </fieldset>
      <p class="latency" data-latency-ms={Math.round(total())}>
        Key to sound here: {Math.round(total())} ms (audio {latency().baseMs.toFixed(1)} ms, output{" "}
        {latency().outputMs.toFixed(1)} ms, scheduling {latency().schedulingMs.toFixed(1)} ms)
      </p>
    </section>
  );
}
