import type { PeerFactory } from "@nicepiano/client/mesh";
import wrtc from "@roamhq/wrtc";
import SimplePeer from "simple-peer";

/** simple-peer on Node's real WebRTC stack (`@roamhq/wrtc`).
 * `options.config` always holds explicit `iceServers` (PeerMesh sets them), never
 * simple-peer's default of public STUN servers.
 */
export const createNodePeer: PeerFactory = (options) => new SimplePeer({ ...options, wrtc });
