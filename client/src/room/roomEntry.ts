import type { DisplayName, RoomName } from "@nicepiano/protocol";
import { RoomError, type RoomSession } from "./roomSession";

export interface RoomEntryOptions {
  /** The name to join with the first time (later joins keep the one we have). */
  name: () => DisplayName;
}

/**
 * Keeps a page in its room and says where it stands, in the session's store: joins once
 * the socket connects, shows a refused join, a lost connection, a rejoin the server
 * refused (the session tries again by itself) and being sent away.
 */
export class RoomEntry {
  readonly #session: RoomSession;
  readonly #room: RoomName;
  readonly #options: RoomEntryOptions;
  readonly #detach: () => void;

  constructor(session: RoomSession, room: RoomName, options: RoomEntryOptions) {
    this.#session = session;
    this.#room = room;
    this.#options = options;
    const { store, events, requests } = session;
    const inRoom = () => {
      store.setConnection("joined");
      store.setError(undefined);
    };
    const rejoinFailed = ({ error, retryInMs }: { error: RoomError; retryInMs: number }) => {
      store.setConnection("refused");
      const seconds = Math.max(1, Math.round(retryInMs / 1000));
      store.setError(
        `Could not get back into the room: ${error.message} Trying again in ${seconds} s.`,
      );
    };
    events.on("rejoined", inRoom);
    events.on("rejoinFailed", rejoinFailed);
    const detachSocket = requests.listen({
      // The session rejoins by itself after a reconnect; only the first join is ours.
      connect: () => {
        if (!session.self) this.join();
      },
      disconnect: (reason) => {
        // Sent away by the server (kicked): it does not come back by itself.
        if (reason === "io server disconnect") return store.setConnection("refused");
        // Peers and playbacks carry on without the server; the rejoin catches up.
        store.setConnection("reconnecting");
      },
      kicked: (reason) => store.setError(reason.message),
    });
    this.#detach = () => {
      events.off("rejoined", inRoom);
      events.off("rejoinFailed", rejoinFailed);
      detachSocket();
    };
  }

  /** Joins the room: to play if there is room for one more player, or to `listen`. */
  join(listen = false): void {
    const { store } = this.#session;
    this.#session.join(this.#room, store.self?.name ?? this.#options.name(), listen).then(
      () => {
        store.setConnection("joined");
        store.setError(undefined);
      },
      (reason: unknown) => {
        store.setConnection("refused");
        store.setError(reason instanceof RoomError ? reason.message : "Could not join the room.");
      },
    );
  }

  destroy(): void {
    this.#detach();
  }
}
