import { DEFAULT_METRONOME, type PlayMessage, type RoomName } from "@nicepiano/protocol";
import { createSignal, onCleanup } from "solid-js";
import { PianoEngine } from "../audio/pianoEngine";
import { LOCAL, PianoPlayers } from "../audio/pianoPlayers";
import { SharedPiano } from "../audio/sharedPiano";
import type { InputEvent } from "../input/inputEvent";
import { createBrowserPeer } from "../mesh/browserPeer";
import { relayOnly, reportingIceErrors } from "../mesh/peerFactory";
import { MidiShaper } from "../input/midiShaping";
import { MidiInputs, type MidiStatus } from "../midi/midiInputs";
import type { RoomPlayer } from "../recordings/roomRecorder";
import { storedDisplayName, storeDisplayName } from "../room/names";
import { RoomEntry } from "../room/roomEntry";
import { RoomSession } from "../room/roomSession";
import { openRoomSocket } from "../room/roomSocket";
import { toPlayMessage } from "../room/toPlayMessage";
import { createChat } from "./createChat";
import { createKeyLights } from "./createKeyLights";
import { createListening } from "./createListening";
import { createMidiOut } from "./createMidiOut";
import { createPlaybacks } from "./createPlaybacks";
import { createRoomControls } from "./createRoomControls";
import { createSound } from "./createSound";
import { createView } from "./createView";
import { pageOptions } from "./pageOptions";
import { roomViews } from "./roomViews";

/** What the rest of the page hears from the room. */
export interface RoomHooks {
  /** Each input of the local player, as it happens. */
  onLocalInput?: (event: InputEvent) => void;
  /**
   * Everything played in the room as it was played (the local player's notes, and those
   * of the others the room has not muted, stamped with when they were played).
   */
  onRoomPlay?: (player: RoomPlayer, message: PlayMessage) => void;
  /**
   * The signed-in account's recordings changed (here, on another page or device), or
   * changed while the page was away: the list is asked for again.
   */
  onRecordingsChanged?: () => void;
  /**
   * The version of the recordings list the page shows, if it shows one: each reconnection
   * says it, and the server tells the page if the list changed meanwhile.
   */
  recordingsVersion?: () => number | undefined;
}

/**
 * A room page's parts, wired: the socket, the session (its store read through views),
 * the piano with its lights, sound, MIDI in and out, playbacks, listening and the room's
 * controls. Torn down with the page.
 */
export function createRoom(
  room: RoomName,
  token: () => Promise<string | undefined>,
  {
    onLocalInput = () => {},
    onRoomPlay = () => {},
    onRecordingsChanged = () => {},
    recordingsVersion = () => undefined,
  }: RoomHooks = {},
) {
  const { socket, close: closeSocket } = openRoomSocket(token, recordingsVersion);
  const { transport, relayOnly: onlyRelays } = pageOptions(location.search);
  // TURN servers that refuse our credentials or cannot be reached: the operator hears of it.
  const reporting = reportingIceErrors(createBrowserPeer, (code) => socket.emit("iceError", code));
  const createPeer = onlyRelays ? relayOnly(reporting) : reporting;
  const session = new RoomSession({ socket, createPeer, transport });
  const views = roomViews(session.store);
  const engine = new PianoEngine();
  const sound = createSound(engine);
  const piano = new SharedPiano(engine);
  const players = new PianoPlayers(session.store);
  const view = createView();
  const lights = createKeyLights(
    piano,
    (player) => players.colorOf(player),
    (player) => player === LOCAL || !view.settings().hideOthers,
  );
  const midi = new MidiInputs();
  const [midiStatus, setMidiStatus] = createSignal<MidiStatus>({ state: "pending" });
  const [midiDevice, setMidiDevice] = createSignal("all");
  const midiOut = createMidiOut(midi, piano, (player) => players.memberOf(player));
  const playbacks = createPlaybacks({ session, piano, engine, players });
  const listening = createListening(session, piano, engine);
  const controls = createRoomControls(session, engine, views);
  const chat = createChat(session, views, controls);

  session.events.on("play", ({ from, message }) => {
    const member = session.members.get(from);
    if (member && !session.settings?.muted.includes(from)) onRoomPlay(member, message);
  });
  session.events.on("self", (member) => midiOut.joinedAs(member));
  socket.on("recordingsChanged", onRecordingsChanged);
  // The first samples come with the join: four downloads at a time leave the socket its own.
  sound.load();
  const entry = new RoomEntry(session, room, { name: storedDisplayName });

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
  /**
   * Lets go of everything here: this player's keys and pedal (for everyone: they are
   * sent), and every other sound on this piano (here only).
   */
  const letGo = () => {
    for (const note of piano.keysOf(LOCAL)) play({ kind: "noteOff", note, velocity: 0 });
    if (piano.pedalHolders.includes(LOCAL)) play({ kind: "pedal", down: false });
    for (const player of piano.holders) piano.releaseAll(player);
  };
  session.events.on("panic", letGo);
  // The owner let this listener play: in again, as a player (and into the mesh).
  session.events.on("promoted", () => void entry.join(false));

  // The player's touch and transpose apply to their MIDI keyboard only, before it is heard.
  const shaper = new MidiShaper();
  midi.events.on("input", (event) => {
    const shaped = shaper.shape(event, sound.settings());
    if (shaped) play(shaped);
  });
  midi.events.on("status", setMidiStatus);
  void midi.start();

  onCleanup(() => {
    entry.destroy();
    playbacks.reset();
    midi.destroy();
    session.destroy();
    closeSocket();
    engine.dispose();
  });

  return {
    room,
    /** The room as the store holds it: self, members, settings, latency, links. */
    ...views,
    listening,
    controls,
    chat,
    /** How this page shows the piano. */
    view,
    ...lights,
    sound,
    progress: sound.progress,
    loadError: sound.loadError,
    audioRunning: sound.audioRunning,
    midiStatus,
    midiDevice,
    play,
    letGo,
    unlock: sound.unlock,
    selectMidiDevice: (id: string) => {
      midi.select(id);
      setMidiDevice(id);
    },
    /** Where the room is sent out over MIDI, and whose playing. */
    midiOut,
    /** Joins again as a player (a listener, when a player's place is free) or to listen. */
    switchRole: (listen: boolean) => entry.join(listen),
    /** A listener asks the owner to play (or no longer). */
    raiseHand: (raised: boolean) => session.requests.hand(raised),
    /** Whether this listener's hand is up. */
    handRaised: () => {
      const self = views.self();
      return self !== undefined && (views.settings()?.hands.includes(self.id) ?? false);
    },
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
