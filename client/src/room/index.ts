export * from "./clockSync";
export * from "./roomSession";
export * from "./socketOptions";
export * from "./remotePlayers";
