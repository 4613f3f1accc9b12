import type SimplePeer from "simple-peer";

/** What the mesh needs from a peer connection: simple-peer's instance. */
export type PeerConnection = SimplePeer.Instance;
export type PeerConnectionOptions = SimplePeer.Options;

/**
 * Creates one peer connection. The browser passes `new SimplePeer(options)`; Node passes
 * `@roamhq/wrtc` along. Options always carry an explicit `config.iceServers`: without it,
 * simple-peer falls back to public STUN servers.
 */
export type PeerFactory = (options: PeerConnectionOptions) => PeerConnection;

/**
 * `createPeer`, its connections using TURN relays only (`iceTransportPolicy: "relay"`):
 * to check a TURN server, or to send every packet through the lab's jitter forwarder.
 */
export function relayOnly(createPeer: PeerFactory): PeerFactory {
  return (options) =>
    createPeer({ ...options, config: { ...options.config, iceTransportPolicy: "relay" } });
}

/**
 * `createPeer`, telling `report` each ICE server error its connections meet (the
 * `icecandidateerror` of RTCPeerConnection: 401 when a TURN server refuses the
 * credentials, 701 when it cannot be reached), once per connection and code. Where the
 * stack has no such event (Node's), nothing is told.
 */
export function reportingIceErrors(
  createPeer: PeerFactory,
  report: (code: number) => void,
): PeerFactory {
  return (options) => {
    const peer = createPeer(options);
    // simple-peer keeps its RTCPeerConnection as `_pc`.
    const connection = (peer as unknown as { _pc?: EventTarget })._pc;
    const told = new Set<number>();
    connection?.addEventListener?.("icecandidateerror", (event) => {
      const { errorCode, url } = event as Event & { errorCode?: number; url?: string };
      if (errorCode === undefined || told.has(errorCode) || !url?.startsWith("turn")) return;
      told.add(errorCode);
      report(errorCode);
    });
    return peer;
  };
}
