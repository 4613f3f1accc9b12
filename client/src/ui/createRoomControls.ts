import { ownerOf, type RoomControl } from "@nicepiano/protocol";
import { createMemo, createSignal, onCleanup } from "solid-js";
import { MetronomeClick } from "../audio/metronomeClick";
import type { Beat } from "../audio/metronomeBeats";
import { MetronomeScheduler } from "../audio/metronomeScheduler";
import type { PianoEngine } from "../audio/pianoEngine";
import type { RoomSession } from "../room/roomSession";
import { OnTime } from "./onTime";
import type { RoomViews } from "./roomViews";

const CLICKS_MUTED_KEY = "nicepiano.metronomeMuted";

/**
 * The room's settings as Solid state: who owns the room (and whether it is us), the
 * owner's controls, and the metronome, clicked here on the room's clock unless this
 * listener muted it.
 */
export function createRoomControls(
  session: RoomSession,
  engine: PianoEngine,
  { self, members, settings }: RoomViews,
) {
  const [controlError, setControlError] = createSignal<string>();
  const [clicksMuted, setClicksMuted] = createSignal(
    localStorage.getItem(CLICKS_MUTED_KEY) === "1",
  );
  const [beat, setBeat] = createSignal<Beat>();
  /** The beat light is on for a moment at each beat. */
  const [beatLit, setBeatLit] = createSignal(false);

  const owner = createMemo(() => {
    const me = self();
    return ownerOf(me ? [me, ...members()] : members(), settings()?.owner ?? null);
  });
  const isOwner = () => owner() !== null && owner() === self()?.id;

  const click = new MetronomeClick(engine.context);
  const onTime = new OnTime<"beat">();
  const scheduler = new MetronomeScheduler({
    now: () => session.clock.now(),
    onBeat: (next) => {
      const inMs = Math.max(0, next.at - session.clock.now());
      if (!clicksMuted()) click.click(engine.audioTimeIn(inMs), next.downbeat);
      // The light follows the sound, on for a moment.
      onTime.at("beat", inMs, () => {
        setBeat(next);
        setBeatLit(true);
        onTime.at("beat", 100, () => setBeatLit(false));
      });
    },
  });
  const heard = () => {
    const next = session.store.settings;
    if (!next) return;
    scheduler.set(next.metronome);
    if (next.metronome.startAt === null) setBeat(undefined);
  };
  const stopHearing = session.store.on("settings", heard);
  heard();

  onCleanup(() => {
    stopHearing();
    scheduler.destroy();
    onTime.clear();
    click.dispose();
  });

  return {
    settings,
    owner,
    isOwner,
    controlError,
    beat,
    beatLit,
    clicksMuted,
    muteClicks: (muted: boolean) => {
      localStorage.setItem(CLICKS_MUTED_KEY, muted ? "1" : "0");
      setClicksMuted(muted);
    },
    /** Asks the server to change the room; a refusal shows as `controlError`. */
    control: async (request: RoomControl) => {
      try {
        await session.requests.control(request);
        setControlError(undefined);
      } catch (reason) {
        setControlError(reason instanceof Error ? reason.message : String(reason));
      }
    },
  };
}

export type RoomControls = ReturnType<typeof createRoomControls>;
