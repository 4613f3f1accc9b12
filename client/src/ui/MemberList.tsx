import type { Member, Millis, PeerId } from "@nicepiano/protocol";
import { For, Show } from "solid-js";
import type { ConnectionKind } from "../mesh/connectionKind";
import type { PeerStatus } from "../room/roomStore";
import type { RoomControls } from "./createRoomControls";
import type { Listening } from "./createListening";

export interface MemberListProps {
  self: Member | undefined;
  members: Member[];
  /** The server's round trip to a member (us included). */
  serverLatencyOf: (id: PeerId) => Millis | undefined;
  /** Our link to another player: its state, round trip and kind. */
  peerOf: (id: PeerId) => PeerStatus | undefined;
  /** How this listener hears the others: timing, volumes, flood mutes. */
  listening: Listening;
  controls: RoomControls;
}

const ms = (value: Millis | undefined) => (value === undefined ? "–" : `${value.toFixed(1)} ms`);

const CONNECTION_LABEL: Record<ConnectionKind, string> = {
  connecting: "connecting…",
  direct: "direct",
  turn: "via TURN relay",
  server: "via server",
};
const CONNECTION_HINT: Record<ConnectionKind, string> = {
  connecting: "Opening a direct connection",
  direct: "Notes go straight between you",
  turn: "Notes go through the TURN relay: your networks block a direct path",
  server: "Notes go through the NicePiano server until a direct path opens",
};

/**
 * Everyone in the room: the players with their colour, how they are connected and their
 * round trips; then those who only listen.
 */
export function MemberList(props: MemberListProps) {
  const players = () => props.members.filter((member) => !member.listener);
  const listeners = () => props.members.filter((member) => member.listener);
  return (
    <section class="panel members">
      <h2>Players</h2>
      <label class="timing">
        Timing
        <select
          aria-label="Timing of the others' notes"
          value={props.listening.timingMode()}
          onChange={(event) =>
            props.listening.setTimingMode(event.currentTarget.value as "immediate" | "steady")
          }
          title="Immediate: each note as soon as it arrives (lowest latency). Steady: each player's notes a little later, so their rhythm comes through as played."
        >
          <option value="immediate">Immediate</option>
          <option value="steady">Steady</option>
        </select>
      </label>
      <ul aria-label="Players">
        {/* A row kept for this player while joining, so the panels below do not move. */}
        <Show
          when={props.self}
          fallback={
            <li class="joining">
              <span class="dot" />
              <span class="name">Joining…</span>
            </li>
          }
        >
          {(self) => (
            <li data-peer={self().id} data-self="true">
              <span class="dot" style={{ "background-color": self().color }} />
              <span class="name">{self().name} (you)</span>
              <Show when={self().listener}>
                <span class="listener-badge" title="You hear the players; they do not hear you">
                  listening
                </span>
              </Show>
              <Show when={props.controls.owner() === self().id}>
                <span class="owner-badge" title="You run this room">
                  owner
                </span>
              </Show>
              <Show when={props.controls.settings()?.muted.includes(self().id)}>
                <span
                  class="muted"
                  role="status"
                  title="Nobody hears you until the owner unmutes you"
                >
                  muted by the owner
                </span>
              </Show>
              <span class="latency" title="Round trip to the server">
                server {ms(props.serverLatencyOf(self().id))}
              </span>
            </li>
          )}
        </Show>
        <For each={players()}>
          {(member) => (
            <li
              data-peer={member.id}
              data-state={props.peerOf(member.id)?.state ?? "connecting"}
              data-connection={props.peerOf(member.id)?.kind ?? "connecting"}
            >
              <span class="dot" style={{ "background-color": member.color }} />
              <span class="name">{member.name}</span>
              <Show when={member.signedIn}>
                <span class="account-badge" title="Signed in to a NicePiano account">
                  signed in
                </span>
              </Show>
              <Show when={props.controls.owner() === member.id}>
                <span class="owner-badge" title="Runs this room">
                  owner
                </span>
              </Show>
              <Show when={props.controls.settings()?.muted.includes(member.id)}>
                <span class="muted" title="Muted for everyone by the room's owner">
                  muted
                </span>
              </Show>
              <Show when={props.listening.flooding[member.id]}>
                <span
                  class="muted"
                  role="status"
                  title="Their page sent far more notes than anyone can play: muted here for a few seconds"
                >
                  muted: too many notes
                </span>
              </Show>
              <span
                class="state"
                title={CONNECTION_HINT[props.peerOf(member.id)?.kind ?? "connecting"]}
              >
                {CONNECTION_LABEL[props.peerOf(member.id)?.kind ?? "connecting"]}
              </span>
              <span
                class="latency"
                title="Round trip to the server, and to you over the direct link"
              >
                server {ms(props.serverLatencyOf(member.id))} · peer{" "}
                {ms(props.peerOf(member.id)?.rttMs)}
              </span>
              <Show
                when={
                  props.listening.timingMode() === "steady" &&
                  props.listening.delays[member.id] !== undefined
                }
              >
                <span class="delay" title="How much later than played you hear their notes">
                  steady +{props.listening.delays[member.id]} ms
                </span>
              </Show>
              <button
                class="mute-here"
                aria-pressed={props.listening.mutedHere[member.id] === true}
                aria-label={`Mute ${member.name} here`}
                title={
                  props.listening.mutedHere[member.id]
                    ? "Muted for you only: click to hear them again"
                    : "Mute for you only (the others still hear them)"
                }
                onClick={() =>
                  props.listening.setMutedHere(member.id, !props.listening.mutedHere[member.id])
                }
              >
                {props.listening.mutedHere[member.id] ? "🔇" : "🔊"}
              </button>
              <input
                type="range"
                class="volume"
                min={0}
                max={100}
                value={Math.round((props.listening.volumes[member.id] ?? 1) * 100)}
                aria-label={`Volume of ${member.name}`}
                onInput={(event) =>
                  props.listening.setVolume(member.id, Number(event.currentTarget.value) / 100)
                }
              />
              <Show when={props.controls.isOwner()}>
                <OwnerActions controls={props.controls} member={member} />
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.members.length === 0}>
        <p class="hint">Nobody else is here yet: share the room link.</p>
      </Show>
      <Show when={listeners().length > 0}>
        <h3>Listening ({listeners().length})</h3>
        <ul aria-label="Listeners" class="listeners">
          <For each={listeners()}>
            {(member) => (
              <li data-peer={member.id} data-listener="true">
                <span class="name">{member.name}</span>
                <Show when={props.controls.owner() === member.id}>
                  <span class="owner-badge">owner</span>
                </Show>
                <Show when={props.controls.settings()?.hands.includes(member.id)}>
                  <span class="hand" title="They ask to play">
                    ✋ asks to play
                  </span>
                </Show>
                <Show when={props.controls.isOwner()}>
                  <button
                    class="promote"
                    onClick={() =>
                      void props.controls.control({ type: "promote", peer: member.id })
                    }
                  >
                    Let {member.name} play
                  </button>
                  <ChatMuteButton controls={props.controls} member={member} />
                  <button
                    class="remove"
                    onClick={() => {
                      if (confirm(`Remove ${member.name} from the room?`)) {
                        void props.controls.control({ type: "remove", peer: member.id });
                      }
                    }}
                  >
                    Remove
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/** What the room's owner can do to another player: mute for all, remove, hand over. */
function OwnerActions(props: { controls: RoomControls; member: Member }) {
  const muted = () => props.controls.settings()?.muted.includes(props.member.id) ?? false;
  const peer = () => props.member.id;
  return (
    <span class="owner-actions">
      <button
        onClick={() => void props.controls.control({ type: "mute", peer: peer(), muted: !muted() })}
      >
        {muted() ? "Unmute" : "Mute for all"}
      </button>
      <button
        onClick={() => {
          if (confirm(`Remove ${props.member.name} from the room?`)) {
            void props.controls.control({ type: "remove", peer: peer() });
          }
        }}
      >
        Remove
      </button>
      <ChatMuteButton controls={props.controls} member={props.member} />
      <button onClick={() => void props.controls.control({ type: "transfer", peer: peer() })}>
        Make owner
      </button>
    </span>
  );
}

/** The owner mutes a member's chat for everyone, or lets them write again. */
function ChatMuteButton(props: { controls: RoomControls; member: Member }) {
  const muted = () => props.controls.settings()?.chatMuted.includes(props.member.id) ?? false;
  return (
    <button
      class="chat-mute-all"
      aria-label={`${muted() ? "Unmute" : "Mute"} ${props.member.name}'s chat for everyone`}
      onClick={() =>
        void props.controls.control({ type: "chatMute", peer: props.member.id, muted: !muted() })
      }
    >
      {muted() ? "Unmute chat" : "Mute chat"}
    </button>
  );
}
