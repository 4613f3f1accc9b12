import type { Member, PlayerColor } from "@nicepiano/protocol";

/** Sixteen colours that stay apart from each other on white and black keys. */
export const PLAYER_COLORS: readonly PlayerColor[] = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#bfef45",
  "#800000",
  "#000075",
  "#ffe119",
  "#808000",
  "#dcbeff",
  "#aaffc3",
];

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
