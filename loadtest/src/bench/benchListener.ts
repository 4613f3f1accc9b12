/**
 * What one benchmark peer hears of the others, through the client's own code: the
 * session's notes go to two shared pianos, as a page plays them, one in immediate and
 * one in steady timing mode. It keeps each note-on's delay, when it sounds in either
 * mode, and what each piano holds (for stuck keys and pedals).
 */
import { PeerMessageType, type PeerId } from "@nicepiano/protocol";
import { RemotePlayers, type RoomSession } from "@nicepiano/client/room";
import { SharedPiano } from "../../../client/src/audio/sharedPiano";
import type { PianoOutput } from "../../../client/src/audio/pianoOutput";
import { RemoteTiming, type TimingMode } from "../../../client/src/audio/remoteTiming";
import { monotonicMs, type HeldBy, type Onset } from "./benchPeerMessages";

/** A sound engine that makes no sound. */
const SILENT: PianoOutput = {
  keyDown: () => {},
  keyUp: () => {},
  pedalDown: () => {},
  pedalUp: () => {},
};

export class BenchListener {
  /** Each note-on's delay from its player to here, ms. */
  readonly latencies: number[] = [];
  readonly onsets: Onset[] = [];
  readonly #session: RoomSession;
  readonly #pianos: Record<TimingMode, SharedPiano>;
  readonly #players: RemotePlayers[];
  readonly #detach: () => void;

  constructor(session: RoomSession) {
    this.#session = session;
    const onPlay = ({ message }: { message: { type: PeerMessageType; t: number } }) => {
      if (message.type === PeerMessageType.NoteOn) this.latencies.push(monotonicMs() - message.t);
    };
    session.events.on("play", onPlay);
    this.#detach = () => session.events.off("play", onPlay);
    this.#pianos = { immediate: new SharedPiano(SILENT), steady: new SharedPiano(SILENT) };
    this.#players = (["immediate", "steady"] as const).map((mode) => {
      // The players' notes are stamped with the machine's monotonic clock.
      const timing = new RemoteTiming(monotonicMs, (inMs) => monotonicMs() + inMs);
      timing.mode = mode;
      const piano = this.#pianos[mode];
      piano.events.on("played", ({ player, message, inMs }) => {
        if (message.type !== PeerMessageType.NoteOn) return;
        const at = monotonicMs() + inMs;
        this.#onsetOf(player, message.t)[mode] = at;
      });
      return new RemotePlayers(session, piano, { timing });
    });
  }

  /** What the steady piano holds, by player name (both pianos hold the same). */
  held(): HeldBy {
    const piano = this.#pianos.steady;
    const held: HeldBy = {};
    const entry = (player: PeerId) => {
      const name = this.#session.members.get(player)?.name ?? player;
      return (held[name] ??= { keys: [], pedal: false });
    };
    for (let note = 0; note < 128; note++) {
      for (const player of piano.holdersOf(note)) entry(player).keys.push(note);
    }
    for (const player of piano.pedalHolders) entry(player).pedal = true;
    return held;
  }

  destroy(): void {
    this.#detach();
    for (const players of this.#players) players.destroy();
  }

  readonly #byNote = new Map<string, Onset>();

  #onsetOf(player: PeerId, t: number): Onset {
    const key = `${player} ${t}`;
    let onset = this.#byNote.get(key);
    if (!onset) {
      const name = this.#session.members.get(player)?.name ?? player;
      onset = { player: name, t, immediate: Number.NaN, steady: Number.NaN };
      this.#byNote.set(key, onset);
      this.onsets.push(onset);
    }
    return onset;
  }
}
