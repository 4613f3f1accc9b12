export * from "./peerFactory";
export * from "./peerMesh";
export * from "./connectionKind";
