import { LIMITS } from "@nicepiano/protocol";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { chatParts } from "./chatText";
import type { RoomChat } from "./createChat";

const time = (at: number) =>
  new Date(at).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

/** The room's chat: the latest messages, a line to write, and the owner's switch. */
export function ChatPanel(props: { chat: RoomChat; selfId: string | undefined }) {
  const c = () => props.chat;
  const [draft, setDraft] = createSignal("");
  let log: HTMLDivElement | undefined;
  // The newest message in view, as it comes.
  createEffect(
    on(
      () => c().shown().length,
      () => log?.scrollTo({ top: log.scrollHeight }),
    ),
  );
  const blocked = () =>
    c().chatOff()
      ? "The chat is off."
      : c().selfMuted()
        ? "The room's owner has muted your chat."
        : undefined;

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const text = draft().trim();
    if (text === "" || blocked()) return;
    if (await c().send(text)) setDraft("");
  };

  return (
    <section class="panel chat" aria-label="Chat">
      <h2>Chat</h2>
      <div
        class="chat-log"
        role="log"
        aria-label="Chat messages"
        ref={(element) => (log = element)}
      >
        <ol>
          <For each={c().shown()}>
            {(message) => (
              <li data-from={message.from}>
                <span class="chat-dot" style={{ background: message.color }} aria-hidden="true" />
                <span class="chat-name">{message.name}</span>{" "}
                <time class="chat-time" dateTime={new Date(message.at).toISOString()}>
                  {time(message.at)}
                </time>{" "}
                <span class="chat-text">
                  <For each={chatParts(message.text)}>
                    {(part) =>
                      "href" in part ? (
                        <a href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc">
                          {part.text}
                        </a>
                      ) : (
                        part.text
                      )
                    }
                  </For>
                </span>
                <Show when={message.from !== props.selfId}>
                  <button
                    class="chat-mute"
                    aria-label={`Hide ${message.name}'s messages here`}
                    title="Hide their messages for you only"
                    onClick={() => c().muteHere(message, true)}
                  >
                    Hide
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </div>
      <Show when={c().shown().length === 0}>
        <p class="hint">No messages yet.</p>
      </Show>
      <Show when={c().mutedHere().size > 0}>
        <p class="hint chat-hidden">
          Hidden here:{" "}
          <For each={[...c().mutedHere()]}>
            {([peer, name]) => (
              <button onClick={() => c().unmuteHere(peer)} aria-label={`Show ${name}'s messages`}>
                {name} ✕
              </button>
            )}
          </For>
        </p>
      </Show>
      <form class="chat-form" onSubmit={(event) => void submit(event)}>
        <input
          value={draft()}
          maxLength={LIMITS.chatMessageLength}
          aria-label="Message to the room"
          placeholder={blocked() ?? "Write to the room"}
          disabled={blocked() !== undefined}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit" disabled={blocked() !== undefined || draft().trim() === ""}>
          Send
        </button>
      </form>
      <Show when={c().error()}>
        <p class="error" role="alert">
          {c().error()}
        </p>
      </Show>
      <Show when={c().isOwner()}>
        <label class="check">
          <input
            type="checkbox"
            checked={!c().chatOff()}
            onChange={(event) => void c().setChatOn(event.currentTarget.checked)}
          />
          Chat on (off: nobody may write)
        </label>
      </Show>
    </section>
  );
}
