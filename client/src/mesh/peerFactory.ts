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
