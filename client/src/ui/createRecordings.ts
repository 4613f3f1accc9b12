import type {
  Metronome,
  PlayMessage,
  RecordingId,
  RecordingSummary,
  ServerTime,
} from "@nicepiano/protocol";
import { createEffect, createSignal, on, onCleanup } from "solid-js";
import type { InputEvent } from "../input/inputEvent";
import { fromMidiFile, tooLarge, toMidiFile } from "../recordings/midiFile";
import { Recorder, type Take } from "../recordings/recorder";
import { RecordingsApi } from "../recordings/recordingsApi";
import { RoomRecorder, type RoomPlayer } from "../recordings/roomRecorder";
import { takeStash } from "../recordings/takeStash";
import type { AccountState } from "./createAccount";

/** How often a take in progress is copied to IndexedDB. */
const STASH_EVERY_MS = 2000;

/** Who a take records: the local player, or every player in the room (a track each). */
export type RecordScope = "me" | "room";

/** A recorder with its clock: what the take in progress is made by. */
interface TakeRecorder {
  recorder: Pick<Recorder, "recording" | "elapsedMs" | "snapshot" | "stop">;
  now: () => number;
  start: () => void;
}

/** What a take needs to know of the room. */
export interface RecordingRoom {
  now: () => ServerTime;
  metronome: () => Metronome;
}

/**
 * Recording and the player's saved recordings, as Solid state. The local player's inputs
 * arrive through `capture`, the whole room's playing through `captureRoom`; the take is
 * kept in IndexedDB from the first seconds until the server confirms it is saved.
 */
export function createRecordings(account: AccountState, room: RecordingRoom) {
  const solo = new Recorder();
  const whole = new RoomRecorder();
  /** The recorder of the take in progress, with its clock. */
  const recorders: Record<RecordScope, TakeRecorder> = {
    me: {
      recorder: solo,
      now: () => performance.now(),
      start: () => solo.start(performance.now(), room.now()),
    },
    room: {
      recorder: whole,
      now: () => room.now(),
      start: () => whole.start(room.now(), room.metronome()),
    },
  };
  const [scope, setScope] = createSignal<RecordScope>("me");
  const [players, setPlayers] = createSignal(0);
  let active: TakeRecorder = recorders.me;
  const [recording, setRecording] = createSignal(false);
  const [elapsedMs, setElapsedMs] = createSignal(0);
  const [take, setTake] = createSignal<Take>();
  /** Whether the waiting take is safely in IndexedDB. */
  const [kept, setKept] = createSignal(false);
  const [list, setList] = createSignal<RecordingSummary[]>([]);
  /** The version of the list shown (none until one came, or once signed out). */
  let listVersion: number | undefined;
  const [error, setError] = createSignal<string>();
  const [notice, setNotice] = createSignal<string>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let sinceStash = 0;

  const api = () => (account.account() ? new RecordingsApi(account.token) : undefined);
  const fail = (reason: unknown) =>
    setError(reason instanceof Error ? reason.message : String(reason));
  let listRequest = 0;
  /** Asks for the list again; a message shown stays. */
  const load = () => {
    // Only the latest answer counts: an older, slower one must not hide a new save.
    const request = ++listRequest;
    api()
      ?.list()
      .then(({ recordings, version }) => {
        if (request !== listRequest) return;
        setList(recordings);
        listVersion = version;
      }, fail);
  };
  const refresh = () => {
    setError(undefined);
    load();
  };
  createEffect(
    on(account.account, (signedIn) => {
      listVersion = undefined;
      if (signedIn) return refresh();
      listRequest++;
      setList([]);
    }),
  );
  void takeStash.read().then((stashed) => {
    if (stashed && !take()) {
      setTake(stashed);
      setKept(true);
    }
  });

  const stop = () => {
    if (!active.recorder.recording) return;
    clearInterval(timer);
    const finished = active.recorder.stop(active.now());
    setRecording(false);
    setTake(finished);
    setKept(false);
    takeStash.keep(finished).then(() => setKept(true), fail);
  };
  const start = () => {
    if (active.recorder.recording || !account.account()) return;
    setError(undefined);
    setNotice(undefined);
    active = recorders[scope()];
    active.start();
    setRecording(true);
    setElapsedMs(0);
    setPlayers(0);
    sinceStash = 0;
    timer = setInterval(() => {
      setElapsedMs(active.recorder.elapsedMs(active.now()));
      setPlayers(whole.playerCount);
      sinceStash += 250;
      if (sinceStash >= STASH_EVERY_MS) {
        sinceStash = 0;
        void takeStash.keep(active.recorder.snapshot(active.now()));
      }
    }, 250);
  };
  onCleanup(() => clearInterval(timer));

  const download = (name: string, bytes: Uint8Array) => {
    const url = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "audio/midi" }),
    );
    const link = Object.assign(document.createElement("a"), { href: url, download: `${name}.mid` });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const full = () => {
    stop();
    setNotice("The take reached the longest a recording may be, and was stopped.");
  };

  return {
    /** Who the next take records (fixed while one is in progress). */
    scope,
    setScope: (next: RecordScope) => !recording() && setScope(next),
    /** Players heard so far in a room take. */
    players,
    recording,
    elapsedMs,
    take,
    kept,
    list,
    error,
    notice,
    refresh,
    /** The list changed elsewhere (another page, another device): asked for again. */
    listChanged: load,
    /** The version of the list shown, if one is (the socket says it when it reconnects). */
    listVersion: () => listVersion,
    start,
    stop,
    capture: (event: InputEvent) => {
      if (solo.recording && !solo.capture(event, event.at ?? performance.now())) full();
    },
    captureRoom: (player: RoomPlayer, message: PlayMessage) => {
      if (whole.recording && !whole.capture(player, message, room.now())) full();
    },
    save: (name: string) => {
      const pending = take();
      const client = api();
      if (!pending || !client) return;
      client.save({ name, ...pending }).then(async (saved) => {
        await takeStash.clear();
        setTake(undefined);
        setKept(false);
        setNotice(`Saved "${saved.name}".`);
        refresh();
      }, fail);
    },
    discard: () => {
      setTake(undefined);
      setKept(false);
      void takeStash.clear();
    },
    rename: (id: RecordingId, name: string) => api()?.rename(id, name).then(refresh, fail),
    remove: (id: RecordingId) => api()?.remove(id).then(refresh, fail),
    // The name from the list (it can change), the take from the browser's cache after the
    // first time (it cannot).
    download: (id: RecordingId) => {
      const summary = list().find((listed) => listed.id === id);
      return api()
        ?.take(id)
        .then((take) => {
          const name = summary?.name ?? "recording";
          download(name, toMidiFile({ ...take, name }));
        }, fail);
    },
    importFile: async (file: File) => {
      const client = api();
      if (!client) return;
      try {
        tooLarge(file.size);
        const draft = fromMidiFile(
          new Uint8Array(await file.arrayBuffer()),
          file.name.replace(/\.midi?$/i, ""),
        );
        const saved = await client.save(draft);
        setNotice(`Imported "${saved.name}".`);
        refresh();
      } catch (reason) {
        fail(reason);
      }
    },
  };
}

export type RecordingsState = ReturnType<typeof createRecordings>;
