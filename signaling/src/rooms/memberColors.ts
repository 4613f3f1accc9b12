import { PLAYER_COLORS, type Member, type PlayerColor } from "@nicepiano/protocol";

/** Listeners play nothing: a grey apart from the players' colours. */
export const LISTENER_COLOR: PlayerColor = "#9e9e9e";

/**
 * `preferred` (a returning member's colour) if it is one of ours and free, else the first
 * colour nobody in the room wears yet (cycling when all are taken).
 */
export function pickColor(members: readonly Member[], preferred?: PlayerColor): PlayerColor {
  const taken = new Set(members.map((member) => member.color));
  if (preferred && PLAYER_COLORS.includes(preferred) && !taken.has(preferred)) return preferred;
  const free = PLAYER_COLORS.find((color) => !taken.has(color));
  return free ?? PLAYER_COLORS[members.length % PLAYER_COLORS.length]!;
}
