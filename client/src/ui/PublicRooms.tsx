import { API_PATHS, apiUrl, type ListedRooms } from "@nicepiano/protocol";
import { createSignal, For, onCleanup, Show } from "solid-js";

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The rooms their owners opened to anyone, kept up to date by the server (server-sent
 * events: no socket and no room code on the landing page).
 */
export function PublicRooms(props: { onJoin: (room: string) => void }) {
  const [rooms, setRooms] = createSignal<ListedRooms>();
  const source = new EventSource(apiUrl(API_PATHS.listedRooms));
  source.onmessage = (event: MessageEvent<string>) => {
    try {
      setRooms(JSON.parse(event.data) as ListedRooms);
    } catch {
      // a broken event: the next one brings the whole list again
    }
  };
  onCleanup(() => source.close());

  return (
    <section class="public-rooms" aria-label="Public rooms">
      <h2>Public rooms</h2>
      <Show when={rooms()} fallback={<p class="hint">Looking for public rooms…</p>}>
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={<p class="hint">No public room is open now: start one, then list it.</p>}
          >
            <ul>
              <For each={list()}>
                {(room) => (
                  <li data-room={room.room}>
                    <a
                      href={`/r/${encodeURIComponent(room.room)}`}
                      onClick={(event) => {
                        event.preventDefault();
                        props.onJoin(room.room);
                      }}
                    >
                      {room.room}
                    </a>{" "}
                    <span class="counts">
                      {plural(room.players, "player", "players")}
                      {room.listeners > 0 ? `, ${room.listeners} listening` : ""}
                    </span>
                    <Show when={room.notice}>
                      <span class="room-list-notice">{room.notice}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  );
}
