import {
  DEFAULT_METRONOME,
  PeerMessageType,
  type MidiNote,
  type PeerId,
  type PlayerColor,
  type PlayMessage,
  type RoomName,
} from "@nicepiano/protocol";
import { createSignal, onCleanup } from "solid-js";
import { createPlaybacks } from "./createPlaybacks";
import { createStore } from "solid-js/store";
import { io } from "socket.io-client";
import { PianoEngine } from "../audio/pianoEngine";
import { createListening } from "./createListening";
import { createMidiOut } from "./createMidiOut";
import { createRoomControls } from "./createRoomControls";
import { FallingNotes } from "./fallingNotes";
import { OnTime } from "./onTime";
import { pageOptions } from "./pageOptions";
import { roomViews } from "./roomViews";
import { SharedPiano } from "../audio/sharedPiano";
import type { InputEvent } from "../input/inputEvent";
import type { RoomPlayer } from "../recordings/roomRecorder";
import { createBrowserPeer } from "../mesh/browserPeer";
import { relayOnly } from "../mesh/peerFactory";
import { MidiInputs, type MidiStatus } from "../midi/midiInputs";
import { storedDisplayName, storeDisplayName } from "../room/names";
import { RoomEntry } from "../room/roomEntry";
import { RoomSession, type RoomSocket } from "../room/roomSession";
import { ROOM_SOCKET_OPTIONS } from "../room/socketOptions";
import { toPlayMessage } from "../room/toPlayMessage";

/** The local player's key in the shared piano, before and after the server names us. */
const LOCAL = "local";

/** What the rest of the page hears from the room. */
export interface RoomHooks {
  /** Each input of the local player, as it happens. */
  onLocalInput?: (event: InputEvent) => void;
  /**
   * Everything played in the room as it was played (the local player's notes, and those
   * of the others the room has not muted, stamped with when they were played).
   */
  onRoomPlay?: (player: RoomPlayer, message: PlayMessage) => void;
}

/**
 * Everything a room page shows and does, as Solid state: the socket, the session with its
 * mesh, the piano and MIDI input. Torn down with the page.
 */
export function createRoom(
  room: RoomName,
  token: () => Promise<string | undefined>,
  { onLocalInput = () => {}, onRoomPlay = () => {} }: RoomHooks = {},
) {
  const [lit, setLit] = createStore<Record<MidiNote, PlayerColor | undefined>>({});
  /** The piano's sustain pedal as it sounds here (anyone may hold it). */
  const [sustained, setSustained] = createSignal(false);
  const [progress, setProgress] = createSignal(0);
  const [loadError, setLoadError] = createSignal<string>();
  const [midiStatus, setMidiStatus] = createSignal<MidiStatus>({ state: "pending" });
  const [midiDevice, setMidiDevice] = createSignal("all");

  // Each (re)connection signs in with a token asked for then, so it is never a stale one.
  const socket: RoomSocket = io({
    ...ROOM_SOCKET_OPTIONS,
    auth: (send) => {
      token().then(
        (value) => send(value ? { token: value } : {}),
        () => send({}),
      );
    },
  });
  const { transport, relayOnly: onlyRelays } = pageOptions(location.search);
  const createPeer = onlyRelays ? relayOnly(createBrowserPeer) : createBrowserPeer;
  const session = new RoomSession({ socket, createPeer, transport });
  const views = roomViews(session.store);
  // The server keeps a dropped connection's place for a while (it is most likely a network
  // blip); a page going away says goodbye so the room hears at once that it left. A page
  // brought back from the back/forward cache connects again.
  const sayGoodbye = () => socket.disconnect();
  const comeBack = (event: PageTransitionEvent) => {
    if (event.persisted) socket.connect();
  };
  window.addEventListener("pagehide", sayGoodbye);
  window.addEventListener("pageshow", comeBack);
  const engine = new PianoEngine();
  const [audioRunning, setAudioRunning] = createSignal(engine.running);
  engine.onStateChange(() => setAudioRunning(engine.running));
  const starters = new Map<PeerId, PeerId>();
  /** The member behind a player of the piano: the local player, or who started a playback. */
  const memberOf = (player: PeerId): PeerId | undefined => {
    const member = starters.get(player) ?? player;
    return member === LOCAL ? session.self?.id : member;
  };
  /** A room recording playing sounds each of its players in their colour. */
  const trackColors = new Map<PeerId, PlayerColor>();
  const colorOf = (player: PeerId): PlayerColor => {
    const recorded = trackColors.get(player);
    if (recorded) return recorded;
    const member = memberOf(player);
    const own = member === session.self?.id;
    return (own ? session.self?.color : member && session.members.get(member)?.color) ?? "#888888";
  };
  /** Keys and the pedal light when they sound, in the colour they had when handed over. */
  const onTime = new OnTime<MidiNote | "pedal">();
  const piano = new SharedPiano(engine, (notes, inMs) => {
    for (const note of notes) {
      const holder = piano.holdersOf(note).at(-1);
      const color = holder === undefined ? undefined : colorOf(holder);
      onTime.at(note, inMs, () => setLit(note, color));
    }
  });
  const midi = new MidiInputs();
  const midiOut = createMidiOut(midi, piano, memberOf);
  const falling = new FallingNotes();
  piano.events.on("played", ({ player, message, inMs }) => {
    const at = performance.now() + inMs;
    if (message.type === PeerMessageType.NoteOn) {
      falling.press(player, message.note, colorOf(player), at);
    } else if (message.type === PeerMessageType.NoteOff) {
      falling.release(player, message.note, at);
    } else {
      const down = piano.pedalDown;
      onTime.at("pedal", inMs, () => setSustained(down));
    }
  });
  const playbacks = createPlaybacks({ session, piano, engine, starters, trackColors });

  session.events.on("play", ({ from, message }) => {
    const member = session.members.get(from);
    if (member && !session.settings?.muted.includes(from)) onRoomPlay(member, message);
  });
  session.events.on("self", (member) => midiOut.joinedAs(member));
  const listening = createListening(session, piano, engine);
  const controls = createRoomControls(session, engine, views);

  let loading: Promise<void> | undefined;
  /** Samples load once the room is joined, so ~175 downloads do not delay joining. */
  const loadSamples = () => {
    loading ??= engine.load(setProgress).catch((reason: unknown) => {
      setLoadError(
        `The piano sounds could not be loaded (${String(reason)}). Reload to try again.`,
      );
    });
  };
  const entry = new RoomEntry(session, room, {
    name: storedDisplayName,
    onFirstAnswer: loadSamples,
  });

  /** Plays the local player's input and sends it to everyone. */
  const play = (event: InputEvent) => {
    // Stamped with when the key was struck, on the room's clock, not when we got to it.
    const sinceInput = event.at === undefined ? 0 : Math.max(0, performance.now() - event.at);
    const message = toPlayMessage(event, session.clock.now() - sinceInput);
    piano.apply(LOCAL, message);
    session.send(message);
    onLocalInput(event);
    if (session.self) onRoomPlay(session.self, message);
  };
  midi.events.on("input", play);
  midi.events.on("status", setMidiStatus);
  void midi.start();

  const unlock = () => {
    if (engine.running) return;
    void engine.unlock();
  };

  onCleanup(() => {
    onTime.clear();
    entry.destroy();
    window.removeEventListener("pagehide", sayGoodbye);
    window.removeEventListener("pageshow", comeBack);
    playbacks.reset();
    midi.destroy();
    session.destroy();
    socket.disconnect();
    engine.dispose();
  });

  return {
    room,
    /** The room as the store holds it: self, members, settings, latency, links. */
    ...views,
    listening,
    controls,
    litColor: (note: MidiNote) => lit[note],
    sustained,
    /** What everyone played in the last seconds, for the falling-notes view. */
    falling,
    progress,
    loadError,
    audioRunning,
    midiStatus,
    midiDevice,
    play,
    unlock,
    selectMidiDevice: (id: string) => {
      midi.select(id);
      setMidiDevice(id);
    },
    /** Where the room is sent out over MIDI, and whose playing. */
    midiOut,
    /** Joins again as a player (a listener, when a player's place is free) or to listen. */
    switchRole: (listen: boolean) => entry.join(listen),
    /** Whether a listener could play now: the room has fewer players than it takes. */
    playerPlaceFree: () => {
      const players = views.members().filter((member) => !member.listener).length;
      return players < (views.settings()?.performerLimit ?? 0);
    },
    roomNow: () => session.clock.now(),
    /** The room's metronome as its owner last set it. */
    metronome: () => session.settings?.metronome ?? DEFAULT_METRONOME,
    playbacks,
    /** Signs the room's socket in or out after the account changed. */
    authenticate: (token: string | null) => session.requests.authenticate(token).catch(() => null),
    rename: async (name: string) => {
      const member = await session.rename(name);
      storeDisplayName(member.name);
    },
  };
}

export type RoomState = ReturnType<typeof createRoom>;
