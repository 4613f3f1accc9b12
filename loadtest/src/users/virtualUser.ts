import {
  API_PATHS,
  apiUrl,
  LATENCY_PING_INTERVAL_MS,
  PeerMessageType,
  recordingTakePath,
  type PlayMessage,
  type RecordingsAnswer,
} from "@nicepiano/protocol";
import type { PeerFactory } from "@nicepiano/client/mesh";
import { isOriginalNote, type OriginalNote } from "../scenario/originalNotes";
import type { TickRecorder } from "../scenario/tickRecorder";
import type { Chance } from "../scenario/scenarioPlan";
import { startVirtualMusician, type VirtualMusician } from "../virtualMusician";
import type { WorkerClock } from "../workers/workerClock";
import type { AssignedUser, WorkerRun } from "../workers/workerProtocol";
import { noPeers, signalingOnlyPeers } from "./signalingOnlyPeer";
import type { UserHttp } from "./userHttp";

/** How long a newcomer may take to open channels with everyone before it counts as failed. */
const CHANNELS_TIMEOUT_MS = 30_000;

/** The original design's note path (relayDesignServer.ts): not in NicePiano's contract. */
interface NoteRelaySocket {
  on(event: "note", listener: (note: unknown) => void): void;
  emit(event: "note", note: OriginalNote): void;
}

/** What a user shares with the others of its process. */
export interface UserContext {
  run: WorkerRun;
  recorder: TickRecorder;
  /** The coordinator's clock: notes are stamped and timed on it. */
  clock: WorkerClock;
  http: UserHttp;
}

/**
 * One virtual user: NicePiano's own room client (`RoomSession`: join, rejoin after a
 * reconnect, latency pings, clock samples, signals) whose peer connections are real,
 * only signal, or absent (see `UserKind`). Once in, it sends one event every
 * `eventEveryMs` (a note, or a recording list or fetch over HTTP), and each second may
 * lose its connection and reconnect at once. Notes it receives are timed on arrival.
 */
export class VirtualUser {
  readonly #context: UserContext;
  readonly #user: AssignedUser;
  readonly #chance: Chance;
  #musician: VirtualMusician | undefined;
  #timers: NodeJS.Timeout[] = [];
  /** Aborted when the user leaves (`stop`): one still trying to connect stops. */
  readonly #leaving = new AbortController();
  #sent = 0;
  /** When the current connection's next latency ping is due (0: none heard yet). */
  #pingDueAt = 0;
  /** When the socket last reconnected: its rejoin is timed from there. */
  #reconnectedAt = 0;
  /**
   * The account's list changes this user has heard of, and how many it had heard of when
   * it last fetched the list: its copy is current while the two agree. As a page's, kept
   * so by the server saying when the list changes (`recordingsChanged`), also when it
   * changed while the user was away (each connection says the version of the copy).
   */
  #listChanges = 0;
  #listFetchedAt = -1;
  #listVersion: number | undefined;

  constructor(context: UserContext, user: AssignedUser, chance: Chance) {
    this.#context = context;
    this.#user = user;
    this.#chance = chance;
  }

  get inRoom(): boolean {
    const musician = this.#musician;
    return musician !== undefined && musician.socket.connected && !!musician.session.self;
  }

  async start(): Promise<void> {
    const { run, recorder, clock } = this.#context;
    const { room, name, kind, index } = this.#user;
    const started = clock.now();
    try {
      this.#musician = await startVirtualMusician(run.urls[index % run.urls.length]!, room, name, {
        ...(run.ca ? { ca: run.ca } : {}),
        token: this.#user.account.token,
        listVersion: () => this.#listVersion,
        // As a page: trying to connect until it gets in or leaves.
        connectLimitMs: Infinity,
        signal: this.#leaving.signal,
        ...(kind === "webrtc" ? {} : { createPeer: this.#peers() }),
      });
    } catch (error) {
      if (!this.#leaving.signal.aborted) recorder.failed("join", error);
      return;
    }
    const musician = this.#musician;
    if (this.#leaving.signal.aborted) return musician.close();
    recorder.joinAcknowledged(musician.joinAckMs);
    this.#watch(musician);
    if (kind === "relay") {
      recorder.joined(clock.now() - started);
    } else {
      try {
        await allChannelsOpen(musician);
        recorder.joined(clock.now() - started);
      } catch (error) {
        recorder.failed("channels", error);
      }
    }
    if (this.#leaving.signal.aborted) return;
    const { eventEveryMs } = run;
    const firstEvent = setTimeout(() => {
      this.#timers.push(setInterval(() => this.#event(), eventEveryMs));
      this.#event();
    }, this.#chance.next() * eventEveryMs);
    this.#timers.push(
      firstEvent,
      setInterval(() => this.#maybeReconnect(), 1000),
    );
  }

  /** Leaves and disconnects. Safe to call twice. */
  stop(): void {
    this.#leaving.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers = [];
    this.#musician?.close();
  }

  #peers(): PeerFactory {
    return this.#user.kind === "signaling"
      ? signalingOnlyPeers(this.#context.run.handshake)
      : noPeers;
  }

  /** Times what the server does for this user: pings, rejoins; and the notes it hears. */
  #watch({ socket, session }: VirtualMusician): void {
    const { recorder, run, clock } = this.#context;
    const pinged = (nextInMs: number) => {
      const now = performance.now();
      recorder.pinged(this.#pingDueAt > 0 && now > this.#pingDueAt + run.latePingSlackMs);
      this.#pingDueAt = now + nextInMs;
    };
    socket.on("clockPing", (ping) => pinged(ping.nextInMs));
    // A ping that does not say when the next comes: one round later.
    socket.on("latencyPing", () => pinged(LATENCY_PING_INTERVAL_MS));
    socket.on("disconnect", () => (this.#pingDueAt = 0));
    socket.on("connect", () => (this.#reconnectedAt = performance.now()));
    session.events.on("rejoined", () => {
      if (this.#reconnectedAt > 0)
        recorder.joinAcknowledged(performance.now() - this.#reconnectedAt);
    });
    socket.on("recordingsChanged", () => this.#listChanges++);
    session.events.on("rejoinFailed", ({ error }) => recorder.failed("rejoin", error));
    const arrived = (message: { type: PeerMessageType; t: number }) => {
      if (message.type === PeerMessageType.NoteOn || message.type === PeerMessageType.NoteOff) {
        recorder.noteArrived(clock.now() - message.t);
      }
    };
    if (this.#user.kind === "relay") {
      (socket as unknown as NoteRelaySocket).on("note", (note) => {
        if (isOriginalNote(note)) arrived({ type: note[0], t: note[3] });
      });
    } else {
      session.events.on("play", ({ message }) => arrived(message));
    }
  }

  #event(): void {
    if (this.#chance.next() < this.#context.run.noteShare) return this.#note();
    void this.#recordingRequest();
  }

  /** Notes go on and off in turn, walking up the keyboard. */
  #note(): void {
    const { recorder, clock } = this.#context;
    const musician = this.#musician;
    if (!musician) return;
    const note = 21 + (Math.floor(this.#sent / 2) % 88);
    const type = this.#sent % 2 === 0 ? PeerMessageType.NoteOn : PeerMessageType.NoteOff;
    this.#sent++;
    const message: PlayMessage = { type, note, velocity: 80, t: clock.now() };
    switch (this.#user.kind) {
      case "webrtc":
        musician.session.send(message);
        return recorder.noteSent();
      case "relay":
        (musician.socket as unknown as NoteRelaySocket).emit("note", [type, note, 80, message.t]);
        return recorder.noteSent();
      case "signaling":
        return recorder.quietNote();
    }
  }

  /**
   * Lists the user's recordings or fetches one of them (its take, as the page does to
   * download it), half and half. A list the user holds and has not been told changed is
   * shown from its copy, as the page's is: no request.
   */
  async #recordingRequest(): Promise<void> {
    const { run, recorder, http } = this.#context;
    const list = this.#chance.next() < 0.5;
    const { index, account } = this.#user;
    const { token, recordingIds } = account;
    const id = recordingIds[Math.floor(this.#chance.next() * recordingIds.length)];
    const listing = list || id === undefined;
    if (listing && this.#listFetchedAt === this.#listChanges) {
      return recorder.recordingListKept();
    }
    const changes = this.#listChanges;
    // Asked for: the list events while it comes show the copy, as the page's list does.
    if (listing) this.#listFetchedAt = changes;
    const path = apiUrl(listing ? API_PATHS.recordings : recordingTakePath(id));
    const started = performance.now();
    try {
      const url = `${run.urls[index % run.urls.length]}${path}`;
      const { fromCache, body } = await http.get(url, token, listing);
      if (listing) this.#listVersion = (body as RecordingsAnswer).version;
      recorder.recordingAnswered(performance.now() - started, fromCache);
    } catch (error) {
      if (listing && this.#listFetchedAt === changes) this.#listFetchedAt = -1;
      recorder.failed("recording", error);
    }
  }

  #maybeReconnect(): void {
    if (!this.inRoom || this.#chance.next() >= this.#context.run.reconnectChance) return;
    // As when the network drops: the server sees the transport close, and the client
    // reconnects by itself (ROOM_SOCKET_OPTIONS: after 250 to 750 ms) and rejoins.
    this.#musician!.socket.io.engine.close();
    this.#context.recorder.reconnected();
  }
}

/** Resolves once `musician` has an open channel to every member it knows. */
function allChannelsOpen({ session }: VirtualMusician): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (session.openPeers().length < session.members.size) return;
      finish();
      resolve();
    };
    const finish = () => {
      clearInterval(poll);
      clearTimeout(timer);
      session.events.off("peerState", check);
    };
    const timer = setTimeout(() => {
      finish();
      const open = session.openPeers().length;
      reject(
        new Error(`${open}/${session.members.size} channels open after ${CHANNELS_TIMEOUT_MS} ms`),
      );
    }, CHANNELS_TIMEOUT_MS);
    // Members come and go while we wait (reconnecting users): look again now and then.
    const poll = setInterval(check, 50);
    session.events.on("peerState", check);
    check();
  });
}
