import SimplePeer from "simple-peer";
import type { PeerFactory } from "./peerFactory";

/** simple-peer on the browser's own WebRTC. */
export const createBrowserPeer: PeerFactory = (options) => new SimplePeer(options);
