import { roomNameSchema } from "@nicepiano/protocol";
import { lazy, Match, Suspense, Switch } from "solid-js";
import type { AccountProvider } from "../accounts/accountProvider";
import { LandingPage } from "./LandingPage";

// The room page (and Tone.js, the piano, MIDI, WebRTC with it) is fetched only for a
// room: the landing page never runs it.
const RoomPage = lazy(async () => ({ default: (await import("./RoomPage")).RoomPage }));

/** `/r/<room>` is a room; anything else is the landing page. */
export function App(props: { accounts: AccountProvider }) {
  const match = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
  const room = match ? decodeURIComponent(match[1]!) : undefined;
  const valid = room !== undefined && roomNameSchema.safeParse(room).success;
  return (
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
  );
}
