import type { DisplayName, RoomName } from "@nicepiano/protocol";

export const ADJECTIVES = ["bright", "calm", "swift", "warm", "bold", "gentle", "lively", "mellow"];
const NOUNS = ["fugue", "sonata", "etude", "nocturne", "waltz", "prelude", "ballade", "rondo"];
const ANIMALS = ["Fox", "Owl", "Otter", "Heron", "Lynx", "Wren", "Badger", "Finch"];

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

function randomDigits(count: number): string {
  return String(Math.floor(Math.random() * 10 ** count)).padStart(count, "0");
}

/** A private room's name: easy to read aloud, hard to guess (8 × 8 × 10⁶). */
export function randomRoomName(): RoomName {
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}-${randomDigits(6)}`;
}

export function randomGuestName(): DisplayName {
  const adjective = pick(ADJECTIVES);
  return `${adjective[0]!.toUpperCase()}${adjective.slice(1)} ${pick(ANIMALS)}`;
}

const NAME_KEY = "nicepiano.name";

/** The guest name kept in this browser, made up on the first visit. */
export function storedDisplayName(storage: Storage = localStorage): DisplayName {
  const stored = storage.getItem(NAME_KEY);
  if (stored) return stored;
  const name = randomGuestName();
  storage.setItem(NAME_KEY, name);
  return name;
}

export function storeDisplayName(name: DisplayName, storage: Storage = localStorage): void {
  storage.setItem(NAME_KEY, name);
}
