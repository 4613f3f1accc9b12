import { del, get, set } from "idb-keyval";
import type { Take } from "./recorder";

const KEY = "nicepiano.unsaved-take";

/**
 * The last take not yet confirmed saved by the server, kept in IndexedDB so that a reload,
 * a crash or a lost connection does not lose it. Cleared only after the server's answer.
 */
export const takeStash = {
  keep: (take: Take): Promise<void> => set(KEY, take),
  read: (): Promise<Take | undefined> => get<Take>(KEY),
  clear: (): Promise<void> => del(KEY),
};
