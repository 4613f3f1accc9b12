import { LIMITS, parseWith, roomNameSchema } from "@nicepiano/protocol";
import { createSignal, Show } from "solid-js";
import { About } from "./About";
import { PublicRooms } from "./PublicRooms";
import { randomRoomName, storedDisplayName, storeDisplayName } from "../room/names";

/** Start a private room, join one by name, or one of the public rooms. */
export function LandingPage(props: { error?: string }) {
  const [name, setName] = createSignal(storedDisplayName());
  const [room, setRoom] = createSignal("");
  const [error, setError] = createSignal(props.error ?? "");

  const go = (roomName: string) => {
    storeDisplayName(name().trim() || storedDisplayName());
    location.assign(`/r/${encodeURIComponent(roomName)}`);
  };
  const join = (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = parseWith(roomNameSchema, room().trim());
    if (parsed.ok) go(parsed.value);
    else setError(parsed.message);
  };

  return (
    <main class="landing">
      <h1>NicePiano</h1>
      <p class="tagline">One piano, played together over the internet, in real time.</p>
      <label class="field">
        Your name
        <input
          value={name()}
          maxLength={LIMITS.displayNameLength}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-label="Your name"
        />
      </label>
      <button class="primary" onClick={() => go(randomRoomName())}>
        Start a private room
      </button>
      <form class="join" onSubmit={join}>
        <input
          placeholder="room-name"
          value={room()}
          maxLength={LIMITS.roomNameLength}
          onInput={(event) => setRoom(event.currentTarget.value)}
          aria-label="Room name"
        />
        <button type="submit">Join room</button>
      </form>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
      <PublicRooms onJoin={go} />
      <p class="hint">
        Play with a MIDI keyboard, your computer keyboard or the keys on screen. Share the room link
        and everyone in it hears everyone.
      </p>
      <About />
    </main>
  );
}
