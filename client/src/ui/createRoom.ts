import {
  DEFAULT_METRONOME,
  PeerMessageType,
  type LatencyTable,
  type Member,
  type MidiNote,
  type Millis,
  type PeerId,
  type PlayerColor,
  type PlayMessage,
  type RoomName,
} from "@nicepiano/protocol";
import { createSignal, onCleanup } from "solid-js";
import { createPlaybacks } from "./createPlaybacks";
import { createStore, reconcile } from "solid-js/store";
import { io } from "socket.io-client";
import { PianoEngine } from "../audio/pianoEngine";
import { createListening } from "./createListening";
import { createMidiOut } from "./createMidiOut";
import { createRoomControls } from "./createRoomControls";
import { FallingNotes } from "./fallingNotes";
import { OnTime } from "./onTime";
import { pageOptions } from "./pageOptions";
import { SharedPiano } from "../audio/sharedPiano";
import type { InputEvent } from "../input/inputEvent";
import type { RoomPlayer } from "../recordings/roomRecorder";
import { createBrowserPeer } from "../mesh/browserPeer";
import { relayOnly } from "../mesh/peerFactory";
import { connectionKind, type ConnectionKind } from "../mesh/connectionKind";
import type { PeerState } from "../mesh/peerMesh";
import { MidiInputs, type MidiStatus } from "../midi/midiInputs";
import { storedDisplayName, storeDisplayName } from "../room/names";
import { RoomError, RoomSession, type RoomSocket } from "../room/roomSession";
import { ROOM_SOCKET_OPTIONS } from "../room/socketOptions";
import { toPlayMessage } from "../room/toPlayMessage";

/** The local player's key in the shared piano, before and after the server names us. */
const LOCAL = "local";

export type Connection = "connecting" | "joined" | "reconnecting" | "refused";

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
  const [connection, setConnection] = createSignal<Connection>("connecting");
  const [error, setError] = createSignal<string>();
  const [self, setSelf] = createSignal<Member>();
  const [members, setMembers] = createSignal<Member[]>([]);
  const [serverLatency, setServerLatency] = createStore<LatencyTable>({});
  const [peerRtt, setPeerRtt] = createStore<Record<PeerId, Millis>>({});
  const [peerState, setPeerState] = createStore<Record<PeerId, PeerState>>({});
  const [peerConnection, setPeerConnection] = createStore<Record<PeerId, ConnectionKind>>({});
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
    return member === LOCAL ? self()?.id : member;
  };
  /** A room recording playing sounds each of its players in their colour. */
  const trackColors = new Map<PeerId, PlayerColor>();
  const colorOf = (player: PeerId): PlayerColor => {
    const recorded = trackColors.get(player);
    if (recorded) return recorded;
    const member = memberOf(player);
    const own = member === self()?.id;
    return (own ? self()?.color : member && session.members.get(member)?.color) ?? "#888888";
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
  session.events.on("self", (member) => {
    midiOut.joinedAs(member);
    setSelf(member);
  });
  session.events.on("members", setMembers);
  session.events.on("serverLatency", (table) => setServerLatency(reconcile({ ...table })));
  session.events.on("peerRtt", ({ peer, rttMs }) => setPeerRtt(peer, rttMs));
  session.events.on("peerState", ({ peer, state }) => {
    setPeerState(peer, state);
    void updateConnection(peer);
  });
  const updateConnection = async (peer: PeerId) => {
    const kind = await connectionKind(session.pathOf(peer), session.connectionOf(peer));
    if (session.members.has(peer)) setPeerConnection(peer, kind);
  };
  const connectionTimer = setInterval(() => {
    for (const peer of session.members.keys()) void updateConnection(peer);
  }, 2000);
  const listening = createListening(session, piano, engine);
  const controls = createRoomControls(session, engine, self, members);

  let loading: Promise<void> | undefined;
  /** Samples load once the room is joined, so ~175 downloads do not delay joining. */
  const loadSamples = () => {
    loading ??= engine.load(setProgress).catch((reason: unknown) => {
      setLoadError(
        `The piano sounds could not be loaded (${String(reason)}). Reload to try again.`,
      );
    });
  };
  /** Joins the room: to play if there is room for one more player, or to `listen`. */
  const join = (listen = false) => {
    session
      .join(room, self()?.name ?? storedDisplayName(), listen)
      .finally(loadSamples)
      .then(
        () => {
          setConnection("joined");
          setError(undefined);
        },
        (reason: unknown) => {
          setConnection("refused");
          setError(reason instanceof RoomError ? reason.message : "Could not join the room.");
        },
      );
  };
  socket.on("connect", () => {
    // RoomSession rejoins by itself after a reconnect ("rejoined" says when it is back);
    // only the first join is ours.
    if (!session.self) join();
  });
  session.events.on("rejoined", () => {
    setConnection("joined");
    setError(undefined);
  });
  session.events.on("rejoinFailed", ({ error, retryInMs }) => {
    setConnection("refused");
    const seconds = Math.max(1, Math.round(retryInMs / 1000));
    setError(`Could not get back into the room: ${error.message} Trying again in ${seconds} s.`);
  });
  socket.on("disconnect", (reason) => {
    // Sent away by the server (kicked): it does not come back by itself.
    if (reason === "io server disconnect") return setConnection("refused");
    // Peers and playbacks carry on without the server; the rejoin catches up.
    setConnection("reconnecting");
  });
  socket.on("kicked", (reason) => setError(reason.message));

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
    clearInterval(connectionTimer);
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
    connection,
    error,
    self,
    members,
    serverLatency,
    peerRtt,
    peerState,
    listening,
    controls,
    /** How each other player is reached: direct, TURN relay, or via the server. */
    peerConnection,
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
    switchRole: (listen: boolean) => join(listen),
    /** Whether a listener could play now: the room has fewer players than it takes. */
    playerPlaceFree: () => {
      const players = members().filter((member) => !member.listener).length;
      return players < (controls.settings()?.performerLimit ?? 0);
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
