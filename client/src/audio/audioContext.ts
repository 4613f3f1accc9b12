let shared: AudioContext | undefined;

/**
 * The page's one audio context, made on first use: the room's piano plays on it, and a
 * room page starts decoding its first samples on it before the piano exists. Browsers
 * keep it suspended until a user gesture; decoding works meanwhile.
 */
export function pageAudioContext(): AudioContext {
  if (!shared || shared.state === "closed") {
    shared = new AudioContext({ latencyHint: "interactive" });
  }
  return shared;
}
