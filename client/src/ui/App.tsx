import { lazy, Match, Show, Suspense, Switch } from "solid-js";
import type { AccountProvider } from "../accounts/accountProvider";
import { takeUpdate, updateReady } from "./appUpdate";
import { LandingPage } from "./LandingPage";
import { roomFromPath } from "./roomPath";

// The room page (and the piano, MIDI, WebRTC with it) is fetched only for a room: the
// landing page never runs it.
const RoomPage = lazy(async () => ({ default: (await import("./RoomPage")).RoomPage }));

/** `/r/<room>` is a room; anything else is the landing page. */
export function App(props: { accounts: AccountProvider }) {
  const { room, valid } = roomFromPath(location.pathname);
  return (
    <>
      <Show when={updateReady()}>
        <p class="update-ready" role="status">
          A new version of NicePiano is ready.{" "}
          <button class="primary" onClick={takeUpdate}>
            Reload to use it
          </button>
        </p>
      </Show>
      <Switch fallback={<LandingPage />}>
        <Match when={valid}>
          <Suspense fallback={<p class="opening">Opening room {room}…</p>}>
            <RoomPage room={room!} accounts={props.accounts} />
          </Suspense>
        </Match>
        <Match when={room !== undefined}>
          <LandingPage error={`"${room}" is not a room name: use letters, digits, "-" and "_".`} />
        </Match>
      </Switch>
    </>
  );
}
