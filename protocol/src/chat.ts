import { LIMITS } from "./limits";
import { z } from "./zod";
import { visibleTextSchema } from "./schemas";
import type { DisplayName, PeerId, PlayerColor, ServerTime } from "./units";

/** One message of a room's chat, as the server stamped it. */
export interface ChatMessage {
  id: string;
  from: PeerId;
  /** The sender's name and colour when they wrote it. */
  name: DisplayName;
  color: PlayerColor;
  /** Plain text: shown as text, never as markup. */
  text: string;
  at: ServerTime;
}

/** What a member may write: one line of visible text, like a name but longer. */
export const chatTextSchema = visibleTextSchema("The message", LIMITS.chatMessageLength);

/** A room notice: the same checks; "" takes the notice down. */
export const noticeSchema = z.literal("").or(visibleTextSchema("The notice", LIMITS.noticeLength));
