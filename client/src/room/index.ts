export * from "./clockSync";
export * from "./roomSession";
export * from "./socketOptions";
