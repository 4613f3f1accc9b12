export * from "./clockSync";
export * from "./roomSession";
export * from "./socketOptions";
// What a listener hears of the others sits with audio; the load tester listens too.
export * from "../audio/remotePlayers";
