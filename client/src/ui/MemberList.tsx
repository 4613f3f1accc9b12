import type { LatencyTable, Member, Millis, PeerId } from "@nicepiano/protocol";
import { For, Show } from "solid-js";
import type { ConnectionKind } from "../mesh/connectionKind";
import type { PeerState } from "../mesh/peerMesh";

export interface MemberListProps {
  self: Member | undefined;
  members: Member[];
  serverLatency: LatencyTable;
  peerRtt: Record<PeerId, Millis>;
  peerState: Record<PeerId, PeerState>;
  connection: Record<PeerId, ConnectionKind>;
  /** Players muted here because they sent far too many notes. */
  flooding: Record<PeerId, boolean>;
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

/** Everyone in the room with their colour, how they are connected and their round trips. */
export function MemberList(props: MemberListProps) {
  return (
    <section class="panel members">
      <h2>Players</h2>
      <ul aria-label="Players">
        <Show when={props.self}>
          {(self) => (
            <li data-peer={self().id} data-self="true">
              <span class="dot" style={{ "background-color": self().color }} />
              <span class="name">{self().name} (you)</span>
              <span class="latency" title="Round trip to the server">
                server {ms(props.serverLatency[self().id])}
              </span>
            </li>
          )}
        </Show>
        <For each={props.members}>
          {(member) => (
            <li
              data-peer={member.id}
              data-state={props.peerState[member.id] ?? "connecting"}
              data-connection={props.connection[member.id] ?? "connecting"}
            >
              <span class="dot" style={{ "background-color": member.color }} />
              <span class="name">{member.name}</span>
              <Show when={props.flooding[member.id]}>
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
                title={CONNECTION_HINT[props.connection[member.id] ?? "connecting"]}
              >
                {CONNECTION_LABEL[props.connection[member.id] ?? "connecting"]}
              </span>
              <span
                class="latency"
                title="Round trip to the server, and to you over the direct link"
              >
                server {ms(props.serverLatency[member.id])} · peer {ms(props.peerRtt[member.id])}
              </span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.members.length === 0}>
        <p class="hint">Nobody else is here yet: share the room link.</p>
      </Show>
    </section>
  );
}
