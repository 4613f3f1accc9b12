export * from "./clockSync";
export * from "./roomSession";
