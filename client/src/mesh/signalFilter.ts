import type { SignalData } from "@nicepiano/protocol";

/**
 * Whether to pass a signal on. Host candidates over TCP are dropped: every TCP candidate
 * doubles the pairs ICE must check, and when eight players open a room at once that
 * halves the time to connect (measured with `npm run bench:join`). UDP host candidates
 * and TURN (which has its own TCP and TLS transports) cover the networks TCP would.
 */
export function isWorthSignalling(data: SignalData): boolean {
  return !(data.type === "candidate" && / tcp /i.test(data.candidate.candidate));
}
