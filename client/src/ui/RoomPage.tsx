import { LIMITS } from "@nicepiano/protocol";
import { createEffect, createSignal, on, Show } from "solid-js";
import type { AccountProvider } from "../accounts/accountProvider";
import { About } from "./About";
import { AccountPanel } from "./AccountPanel";
import { ChatPanel } from "./ChatPanel";
import { createAccount } from "./createAccount";
import { createRecordings } from "./createRecordings";
import { createRoom } from "./createRoom";
import { KeyboardStage } from "./KeyboardStage";
import { MemberList } from "./MemberList";
import { MidiPanel } from "./MidiPanel";
import { NowPlaying } from "./NowPlaying";
import { RecordingsPanel } from "./RecordingsPanel";
import { RecordPanel } from "./RecordPanel";
import { RoomControlsPanel } from "./RoomControlsPanel";
import { SoundPanel } from "./SoundPanel";
import { SoundStatus } from "./SoundStatus";
import { useComputerKeyboard } from "./useComputerKeyboard";

const CONNECTION_LABEL = {
  connecting: "Connecting…",
  joined: "Connected",
  reconnecting: "Connection lost, reconnecting…",
  refused: "Not in the room",
} as const;

/** A room: the players, the MIDI picker and the keyboard. */
export function RoomPage(props: { room: string; accounts: AccountProvider }) {
  const account = createAccount(props.accounts);
  // The recorder hears every local input, or the whole room, on the room's clock.
  const recordings = createRecordings(account, {
    now: () => room.roomNow(),
    metronome: () => room.metronome(),
  });
  const room = createRoom(props.room, account.token, {
    onLocalInput: recordings.capture,
    onRoomPlay: recordings.captureRoom,
    onRecordingsChanged: recordings.listChanged,
    recordingsVersion: recordings.listVersion,
  });
  const octave = useComputerKeyboard(room.play, room.unlock, room.letGo);
  createEffect(
    on(
      account.account,
      () => void account.token().then((token) => room.authenticate(token ?? null)),
      { defer: true },
    ),
  );
  /** Everyone in the room, the local player first. */
  const everyone = () => [...(room.self() ? [room.self()!] : []), ...room.members()];
  const [copied, setCopied] = createSignal(false);
  /** On a phone the panels wait behind a button: the keyboard comes first. */
  const [panelsOpen, setPanelsOpen] = createSignal(false);
  const [nameError, setNameError] = createSignal<string>();

  const copyLink = () => {
    void navigator.clipboard?.writeText(location.href).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    });
  };
  const rename = (name: string) => {
    if (name === room.self()?.name) return;
    room.rename(name).then(
      () => setNameError(undefined),
      (reason: unknown) => setNameError(reason instanceof Error ? reason.message : String(reason)),
    );
  };

  return (
    <div class="room" data-panels={panelsOpen() ? "open" : "closed"} onPointerDown={room.unlock}>
      <header>
        <a class="brand" href="/">
          NicePiano
        </a>
        <div class="room-name">
          Room <strong>{room.room}</strong>
          <button onClick={copyLink} title="Copy the link to this room">
            {copied() ? "Link copied" : "Copy link"}
          </button>
        </div>
        <label class="self-name">
          Your name
          <input
            value={room.self()?.name ?? ""}
            maxLength={LIMITS.displayNameLength}
            aria-label="Your name"
            onChange={(event) => rename(event.currentTarget.value)}
          />
        </label>
        <button
          class="panels-toggle"
          aria-expanded={panelsOpen()}
          aria-controls="room-panels"
          onClick={() => setPanelsOpen(!panelsOpen())}
        >
          {panelsOpen() ? "Hide panels" : "Players, chat, settings"}
        </button>
        <span class={`connection ${room.connection()}`} role="status">
          {CONNECTION_LABEL[room.connection()]}
        </span>
      </header>
      <Show when={room.settings()?.notice}>
        {(notice) => (
          <p class="room-notice" role="status">
            <strong>Notice</strong> {notice()}
          </p>
        )}
      </Show>
      <Show when={room.error() ?? nameError()}>
        <p class="error" role="alert">
          {room.error() ?? nameError()}
        </p>
      </Show>
      <Show when={room.self()?.listener}>
        <div class="notice">
          <p role="status">You are listening: you hear everyone; what you play, only you hear.</p>
          <Show
            when={room.playerPlaceFree()}
            fallback={<p class="hint">This room has all the players it takes.</p>}
          >
            <button class="primary" onClick={() => room.switchRole(false)}>
              A player's place is free: play
            </button>
          </Show>
          <button
            aria-pressed={room.handRaised()}
            onClick={() => void room.raiseHand(!room.handRaised()).catch(() => {})}
          >
            {room.handRaised() ? "Lower your hand" : "✋ Raise your hand to play"}
          </button>
          <Show when={room.handRaised()}>
            <p class="hint">The room's owner sees your hand, and can let you play.</p>
          </Show>
        </div>
      </Show>
      <SoundStatus
        progress={room.progress()}
        loadError={room.loadError()}
        audioRunning={room.audioRunning()}
      />
      <div class="panels" id="room-panels">
        <MemberList
          self={room.self()}
          members={room.members()}
          serverLatencyOf={room.serverLatencyOf}
          peerOf={room.peerOf}
          listening={room.listening}
          controls={room.controls}
        />
        <ChatPanel chat={room.chat} selfId={room.self()?.id} />
        <RoomControlsPanel controls={room.controls} />
        <SoundPanel
          settings={room.sound.settings()}
          quality={room.sound.quality()}
          onChange={room.sound.change}
          level={room.sound.level}
          latency={room.sound.latency}
        />
        <MidiPanel
          status={room.midiStatus()}
          selected={room.midiDevice()}
          onSelect={room.selectMidiDevice}
          out={room.midiOut}
          players={everyone()}
          selfId={room.self()?.id}
        />
        <NowPlaying
          playing={room.playbacks.playing()}
          everyone={everyone()}
          error={room.playbacks.error()}
          onStop={room.playbacks.stop}
        />
        <AccountPanel account={account} />
        <RecordPanel recordings={recordings} signedIn={account.account() !== undefined} />
        <Show when={account.account()}>
          <RecordingsPanel recordings={recordings} onPlay={room.playbacks.play} />
        </Show>
        <section class="panel shortcuts">
          <h2>Computer keys</h2>
          <p>
            <kbd>A</kbd>–<kbd>'</kbd> white keys, <kbd>W</kbd> <kbd>E</kbd> <kbd>T</kbd>{" "}
            <kbd>Y</kbd> <kbd>U</kbd> <kbd>O</kbd> <kbd>P</kbd> black keys
          </p>
          <p>
            <kbd>Z</kbd> / <kbd>X</kbd> octave down / up (now C{4 + octave()}), <kbd>Space</kbd>{" "}
            sustain pedal
          </p>
          <p>
            <kbd>Esc</kbd> lets go of every note here (stuck notes)
          </p>
          <About />
        </section>
      </div>
      <KeyboardStage
        view={room.view.settings()}
        onView={room.view.change}
        litColor={room.litColor}
        onLetGo={room.letGo}
        sustained={room.sustained()}
        falling={room.falling}
        onNoteOn={(note, velocity) => room.play({ kind: "noteOn", note, velocity })}
        onNoteOff={(note) => room.play({ kind: "noteOff", note, velocity: 0 })}
      />
    </div>
  );
}
