export * from "./peerFactory";
export * from "./peerMesh";
