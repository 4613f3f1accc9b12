export * from "./heldState";
export * from "./noteInbox";
export * from "./noteReceiver";
export * from "./noteSender";
export * from "./noteTransports";
export * from "./seqWindow";
