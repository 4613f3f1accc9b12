import mitt from "mitt";
import type { InputEvent } from "../input/inputEvent";
import { parseMidiMessage } from "./parseMidiMessage";

export interface MidiDevice {
  id: string;
  name: string;
}

export type MidiStatus =
  | { state: "pending" }
  | { state: "unsupported"; message: string }
  | { state: "denied"; message: string }
  | { state: "ready"; devices: MidiDevice[]; outputs: MidiDevice[] };

export type MidiEvents = {
  status: MidiStatus;
  input: InputEvent;
};

/** Listen to every connected device. */
export const ALL_DEVICES = "all";

/**
 * Web MIDI: asks for access, follows devices as they are plugged in and out, and turns
 * messages from the chosen input (or all of them) into input events. Lists the outputs
 * too, for sending the room to one.
 */
export class MidiInputs {
  readonly events = mitt<MidiEvents>();
  #status: MidiStatus = { state: "pending" };
  #access: MIDIAccess | undefined;
  #selected = ALL_DEVICES;
  readonly #onMessage = (event: Event) => {
    const { data, timeStamp } = event as MIDIMessageEvent;
    const input = data ? parseMidiMessage(data) : null;
    if (input) this.events.emit("input", { ...input, at: timeStamp });
  };

  get status(): MidiStatus {
    return this.#status;
  }

  async start(nav: Navigator = navigator): Promise<void> {
    if (typeof nav.requestMIDIAccess !== "function" && !globalThis.isSecureContext) {
      this.#setStatus({
        state: "unsupported",
        message:
          "A MIDI keyboard needs a secure connection: open NicePiano over HTTPS or on localhost. The computer keys and the screen work here.",
      });
      return;
    }
    if (typeof nav.requestMIDIAccess !== "function") {
      this.#setStatus({
        state: "unsupported",
        message:
          "This browser has no Web MIDI. Use Chrome, Edge or Opera for a MIDI keyboard; the computer keys and the screen work everywhere.",
      });
      return;
    }
    try {
      this.#access = await nav.requestMIDIAccess();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.#setStatus({
        state: "denied",
        message: `MIDI access was refused (${reason}). Allow MIDI for this site in the browser's settings, then reload.`,
      });
      return;
    }
    this.#access.addEventListener("statechange", () => this.#refresh());
    this.#refresh();
  }

  /** Chooses one device by id, or `ALL_DEVICES`. */
  select(deviceId: string): void {
    this.#selected = deviceId;
    this.#refresh();
  }

  get selected(): string {
    return this.#selected;
  }

  /** The connected output `id`, if there is one. */
  output(id: string): MIDIOutput | undefined {
    const output = this.#access?.outputs.get(id);
    return output?.state === "connected" ? output : undefined;
  }

  /** Stops listening to every device. Safe to call twice. */
  destroy(): void {
    this.#access?.inputs.forEach((input) =>
      input.removeEventListener("midimessage", this.#onMessage),
    );
    this.#access = undefined;
    this.events.all.clear();
  }

  #refresh(): void {
    const access = this.#access;
    if (!access) return;
    const devices: MidiDevice[] = [];
    access.inputs.forEach((input) => {
      const connected = input.state === "connected";
      if (connected) devices.push({ id: input.id, name: input.name ?? input.id });
      input.removeEventListener("midimessage", this.#onMessage);
      if (connected && (this.#selected === ALL_DEVICES || this.#selected === input.id)) {
        input.addEventListener("midimessage", this.#onMessage);
      }
    });
    const outputs: MidiDevice[] = [];
    access.outputs.forEach((output) => {
      if (output.state === "connected")
        outputs.push({ id: output.id, name: output.name ?? output.id });
    });
    this.#setStatus({ state: "ready", devices, outputs });
  }

  #setStatus(status: MidiStatus): void {
    this.#status = status;
    this.events.emit("status", status);
  }
}
