import type { IceServersAnswer, Member } from "@nicepiano/protocol";
import type { ServerConfig } from "../config";
import { turnCredential } from "./turnCredentials";

/**
 * The ICE servers a member's peer connections use: the configured ones, plus coturn with
 * a credential of the member's own when TURN is set up. Nothing else: without them the
 * clients use host candidates only, and no outside server is ever contacted. A listener
 * opens no peer connection: it gets none.
 */
export function iceServersFor(
  config: Pick<ServerConfig, "iceServers" | "turn">,
  member: Member,
): IceServersAnswer {
  if (member.listener) return { iceServers: [], expiresAt: null };
  if (!config.turn) return { iceServers: config.iceServers, expiresAt: null };
  const { iceServer, expiresAt } = turnCredential(config.turn, member.id);
  return { iceServers: [...config.iceServers, iceServer], expiresAt };
}
