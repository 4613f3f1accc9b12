export * from "./errors";
export * from "./events";
export * from "./limits";
export * from "./members";
export * from "./peerCodec";
export * from "./schemas";
export * from "./signals";
export * from "./units";
