/**
 * Init script for every test page. Headless Chromium has no MIDI devices: this gives the
 * page a fake MIDIAccess with one input, whose `midimessage` events the test dispatches,
 * and one output, which keeps what it is sent, so the app's real Web MIDI code runs. It also counts AudioBufferSourceNode starts, which
 * is how a sampled note reaches the audio graph.
 */
export const PAGE_PROBES = `
(() => {
  class FakeInput extends EventTarget {
    id = "fake-keyboard";
    name = "Test Keyboard";
    manufacturer = "NicePiano tests";
    type = "input";
    state = "connected";
    connection = "open";
  }
  const input = new FakeInput();
  const access = new EventTarget();
  access.inputs = new Map([[input.id, input]]);
  // What the page sent the output: the bytes, the timestamp when it gave one, and when
  // it is for on the wall clock (ms): that timestamp, or now.
  window.__midiSent = [];
  const output = {
    id: "fake-synth",
    name: "Test Digital Piano",
    manufacturer: "NicePiano tests",
    type: "output",
    state: "connected",
    connection: "open",
    send: (data, timestamp) =>
      window.__midiSent.push({
        data: [...data],
        timestamp,
        wall: performance.timeOrigin + (timestamp ?? performance.now()),
      }),
  };
  access.outputs = new Map([[output.id, output]]);
  access.sysexEnabled = false;
  navigator.requestMIDIAccess = async () => access;
  window.__fakeMidi = (bytes) =>
    input.dispatchEvent(new MIDIMessageEvent("midimessage", { data: new Uint8Array(bytes) }));
  // Plugs in a second keyboard, as the browser reports it: a new input and a statechange.
  window.__plugMidi = () => {
    const second = new FakeInput();
    second.id = "second-keyboard";
    second.name = "Second Keyboard";
    access.inputs.set(second.id, second);
    access.dispatchEvent(new Event("statechange"));
  };

  window.__audioStarts = 0;
  // How far ahead of the context's clock each sound was scheduled, in seconds.
  window.__audioLeads = [];
  // When each sound will be heard, on the wall clock (ms), via the context's own
  // mapping of its clock to performance.now().
  window.__audioWallTimes = [];
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (...args) {
    const when = args[0] ?? 0;
    window.__audioStarts++;
    window.__audioLeads.push(when - this.context.currentTime);
    const stamp = this.context.getOutputTimestamp?.();
    if (stamp && stamp.performanceTime) {
      const ahead = Math.max(when, this.context.currentTime) - stamp.contextTime;
      window.__audioWallTimes.push(performance.timeOrigin + stamp.performanceTime + ahead * 1000);
    }
    return start.apply(this, args);
  };
})();
`;

/** Sets the piano's quality to Light unless the page has a quality of its own. */
export const LIGHT_PIANO = `
  if (!localStorage.getItem("nicepiano.sound")) {
    localStorage.setItem("nicepiano.sound", JSON.stringify({ quality: "light" }));
  }
`;

declare global {
  interface Window {
    __fakeMidi: (bytes: number[]) => void;
    __plugMidi: () => void;
    __midiSent: { data: number[]; timestamp?: number; wall: number }[];
    __audioStarts: number;
    __audioLeads: number[];
    __audioWallTimes: number[];
  }
}

/** Init script for a browser whose user refused MIDI access. */
export const MIDI_REFUSED = `
navigator.requestMIDIAccess = () =>
  Promise.reject(new DOMException("Permission denied.", "NotAllowedError"));
`;
