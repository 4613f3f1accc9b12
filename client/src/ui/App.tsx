import { roomNameSchema } from "@nicepiano/protocol";
import { Match, Switch } from "solid-js";
import type { AccountProvider } from "../accounts/accountProvider";
import { LandingPage } from "./LandingPage";
import { RoomPage } from "./RoomPage";

/** `/r/<room>` is a room; anything else is the landing page. */
export function App(props: { accounts: AccountProvider }) {
  const match = /^\/r\/([^/]+)\/?$/.exec(location.pathname);
  const room = match ? decodeURIComponent(match[1]!) : undefined;
  const valid = room !== undefined && roomNameSchema.safeParse(room).success;
  return (
    <Switch fallback={<LandingPage />}>
      <Match when={valid}>
        <RoomPage room={room!} accounts={props.accounts} />
      </Match>
      <Match when={room !== undefined}>
        <LandingPage error={`"${room}" is not a room name: use letters, digits, "-" and "_".`} />
      </Match>
    </Switch>
  );
}
