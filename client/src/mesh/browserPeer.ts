import SimplePeer from "simple-peer";
import type { PeerFactory } from "./peerFactory";

/** simple-peer on the browser's own WebRTC.
 * `options.config` always holds explicit `iceServers` (PeerMesh sets them), never
 * simple-peer's default of public STUN servers.
 */
export const createBrowserPeer: PeerFactory = (options) => new SimplePeer(options);
