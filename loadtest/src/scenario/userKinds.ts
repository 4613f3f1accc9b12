import type { AssignedUser, UserKind } from "../workers/workerProtocol";
import type { Mode } from "./scenarioOptions";
import type { PlannedUser } from "./scenarioPlan";

export type KindCounts = Partial<Record<UserKind, number>>;

/** How `user` plays in `mode`: in p2p, real WebRTC in the `webrtcRooms` only. */
export function kindOf(mode: Mode, user: PlannedUser, webrtcRooms: ReadonlySet<string>): UserKind {
  if (mode === "relay") return "relay";
  return webrtcRooms.has(user.room) ? "webrtc" : "signaling";
}

export function countKinds(users: readonly AssignedUser[]): KindCounts {
  const kinds: KindCounts = {};
  for (const user of users) kinds[user.kind] = (kinds[user.kind] ?? 0) + 1;
  return kinds;
}

/** Which users are which, in words: for the progress lines and the report. */
export function describeKinds(kinds: KindCounts, webrtcRooms: readonly string[]): string {
  const parts: string[] = [];
  if (kinds.webrtc) {
    parts.push(`${kinds.webrtc} on real WebRTC (rooms ${webrtcRooms.join(", ")})`);
  }
  if (kinds.signaling) parts.push(`${kinds.signaling} signaling only (their notes pass no server)`);
  if (kinds.relay) parts.push(`${kinds.relay} relayed through the server`);
  return parts.join(", ");
}
