import type { PeerFactory } from "@nicepiano/client/mesh";
import wrtc from "@roamhq/wrtc";
import SimplePeer from "simple-peer";

/** simple-peer on Node's real WebRTC stack (`@roamhq/wrtc`). */
export const createNodePeer: PeerFactory = (options) => new SimplePeer({ ...options, wrtc });
