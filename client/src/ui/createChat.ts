import type { ChatMessage, PeerId } from "@nicepiano/protocol";
import { createMemo, createSignal } from "solid-js";
import type { RoomSession } from "../room/roomSession";
import type { RoomControls } from "./createRoomControls";
import { viewOf, type RoomViews } from "./roomViews";

/**
 * The room's chat as Solid state: its messages (but those of people this page muted for
 * itself), writing, and what the owner decided (chat off, a member's chat muted).
 */
export function createChat(session: RoomSession, views: RoomViews, controls: RoomControls) {
  const messages = viewOf(session.store, "chat", () => session.store.chat);
  /** Senders muted here only, with the name they had: the others still read them. */
  const [mutedHere, setMutedHere] = createSignal<ReadonlyMap<PeerId, string>>(new Map());
  const [error, setError] = createSignal<string>();
  const shown = createMemo(() => messages().filter((message) => !mutedHere().has(message.from)));
  const chatOff = () => views.settings()?.chatOff ?? false;
  const selfMuted = () => {
    const self = views.self();
    return self !== undefined && (views.settings()?.chatMuted.includes(self.id) ?? false);
  };

  return {
    shown,
    mutedHere,
    chatOff,
    selfMuted,
    error,
    isOwner: controls.isOwner,
    /** Sends `text`; true when the server took it (a refusal shows as `error`). */
    send: async (text: string): Promise<boolean> => {
      try {
        session.store.addChat(await session.requests.chat(text));
        setError(undefined);
        return true;
      } catch (reason) {
        setError(reason instanceof Error ? reason.message : String(reason));
        return false;
      }
    },
    muteHere: (message: ChatMessage, muted: boolean) => {
      const next = new Map(mutedHere());
      if (muted) next.set(message.from, message.name);
      else next.delete(message.from);
      setMutedHere(next);
    },
    unmuteHere: (peer: PeerId) => {
      const next = new Map(mutedHere());
      next.delete(peer);
      setMutedHere(next);
    },
    /** The owner turns the room's chat on or off. */
    setChatOn: (on: boolean) => controls.control({ type: "chat", on }),
  };
}

export type RoomChat = ReturnType<typeof createChat>;
